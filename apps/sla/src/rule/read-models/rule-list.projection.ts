import type { SlaRuleDefined } from '@itsm/contracts';
import type { Projection } from '@itsm/eventsourcing';

export type SlaRuleDoc = SlaRuleDefined['data'];

export const ruleListProjection: Projection<SlaRuleDoc> = {
  name: 'sla_rule_list',
  handles: new Set(['sla-rule.defined']),
  indexes: [{ keys: { ruleId: 1 }, options: { name: 'rule', unique: true } }],
  apply: (_current, envelope) => ({ ...(envelope.data as SlaRuleDoc) }),
};
