import type { SlaRuleDefined } from '@itsm/contracts';
import { defineProjection } from '@itsm/eventsourcing';

export type SlaRuleDoc = SlaRuleDefined['data'];

export const ruleListProjection = defineProjection<SlaRuleDoc>({
  name: 'sla_rule_list',
  indexes: [{ keys: { ruleId: 1 }, options: { name: 'rule', unique: true } }],
  handlers: {
    'sla-rule.defined': (_current, { data }) => ({ ...data }),
    'sla-rule.changed': (current, { data }) => current && { ...current, ...data },
    'sla-rule.deleted': () => null,
  },
});
