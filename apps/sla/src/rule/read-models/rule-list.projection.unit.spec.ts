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
});
