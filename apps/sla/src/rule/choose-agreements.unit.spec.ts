import { chooseAgreements, type RuleCandidate } from './choose-agreements';

const any = { types: [], categoryIds: [], priorities: [] };
const rule = (ruleId: string, rank: number, criteria: Partial<RuleCandidate['criteria']>, slaIds: string[]) => ({
  ruleId,
  rank,
  criteria: { ...any, ...criteria },
  slaIds,
});
const incident = { type: 'incident' as const, categoryId: 'hardware', priority: 4 };

describe('choosing the SLAs of a ticket (first matching rule wins)', () => {
  it('gives nothing when no rule matches', () => {
    expect(chooseAgreements([rule('r1', 1, { types: ['request'] }, ['a'])], incident)).toEqual([]);
  });

  it('tries rules by rank, lowest first, whatever their order of creation', () => {
    const rules = [rule('r1', 20, {}, ['catch-all']), rule('r2', 10, { priorities: [4, 5] }, ['urgent'])];
    expect(chooseAgreements(rules, incident)).toEqual(['urgent']);
    expect(chooseAgreements(rules, { ...incident, priority: 2 })).toEqual(['catch-all']);
  });

  it('breaks a tie of rank by creation order', () => {
    const rules = [rule('0190-b', 1, {}, ['second']), rule('0190-a', 1, {}, ['first'])];
    expect(chooseAgreements(rules, incident)).toEqual(['first']);
  });

  it('needs every criterion given: type, category and priority', () => {
    const strict = rule('r1', 1, { types: ['incident'], categoryIds: ['hardware'], priorities: [4] }, ['x']);
    expect(chooseAgreements([strict], incident)).toEqual(['x']);
    expect(chooseAgreements([strict], { ...incident, categoryId: 'network' })).toEqual([]);
    expect(chooseAgreements([strict], { ...incident, categoryId: null })).toEqual([]);
    expect(chooseAgreements([strict], { ...incident, type: 'request' })).toEqual([]);
    expect(chooseAgreements([strict], { ...incident, priority: 5 })).toEqual([]);
  });
});
