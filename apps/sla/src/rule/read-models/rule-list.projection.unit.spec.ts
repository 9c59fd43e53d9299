import type { SlaRuleDefined } from '@itsm/contracts';
import { projectEvents } from '@itsm/testing';
import { ruleListProjection } from './rule-list.projection';

const defined = (slaIds: string[]): SlaRuleDefined => ({
  type: 'sla-rule.defined',
  data: {
    ruleId: 'r1',
    entityId: 'root',
    recursive: true,
    name: 'Incidents',
    rank: 1,
    criteria: { types: ['incident'], categoryIds: [], priorities: [] },
    slaIds,
  },
});

describe('the sla rule list', () => {
  it('given a rule defined, then it is listed with its criteria and agreements', () => {
    expect(projectEvents(ruleListProjection, [defined(['tto'])])).toEqual(defined(['tto']).data);
  });

  it('when defined again, then the latest definition replaces the former', () => {
    expect(projectEvents(ruleListProjection, [defined(['tto']), defined(['tto', 'ttr'])])?.slaIds).toEqual([
      'tto',
      'ttr',
    ]);
  });

  it('when its terms change, then they replace the former, its entity kept', () => {
    const { entityId: _entity, recursive: _recursive, ...terms } = defined(['tto']).data;
    const changed = { type: 'sla-rule.changed' as const, data: { ...terms, rank: 5, slaIds: ['ttr'] } };
    expect(projectEvents(ruleListProjection, [defined(['tto']), changed])).toEqual({
      ...defined(['tto']).data,
      rank: 5,
      slaIds: ['ttr'],
    });
  });

  it('when deleted, then it is gone', () => {
    const deleted = { type: 'sla-rule.deleted' as const, data: { ruleId: 'r1' } };
    expect(projectEvents(ruleListProjection, [defined(['tto']), deleted])).toBeNull();
  });
});
