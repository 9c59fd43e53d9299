import { DomainError, type Decider } from '@itsm/domain';
import type { AgreementKind, AgreementType, RuleCriteria, SlaRuleDefined } from '@itsm/contracts';

export type SlaRuleCommand = {
  type: 'define-rule';
  ruleId: string;
  entityId: string;
  recursive: boolean;
  name: string;
  rank: number;
  criteria: RuleCriteria;
  /** the agreements the rule gives, with their slots (found by the handler) */
  agreements: Array<{ slaId: string; agreement: AgreementType; kind: AgreementKind }>;
};

export interface SlaRuleState {
  ruleId: string | null;
}

function decide(command: SlaRuleCommand, state: SlaRuleState): SlaRuleDefined[] | DomainError {
  if (state.ruleId !== null) return new DomainError('conflict', `rule ${command.ruleId} already exists`);
  if (command.name.trim() === '') return new DomainError('rule', 'the rule needs a name');
  if (command.agreements.length === 0) return new DomainError('rule', 'a rule gives at least one SLA or OLA');
  const slots = new Set<string>();
  for (const { agreement, kind } of command.agreements) {
    const slot = `${agreement.toUpperCase()} ${kind.toUpperCase()}`;
    if (slots.has(slot)) return new DomainError('rule', `a rule gives at most one ${slot}`);
    slots.add(slot);
  }
  const { ruleId, entityId, recursive, rank, criteria } = command;
  const slaIds = command.agreements.map((agreement) => agreement.slaId);
  return [
    {
      type: 'sla-rule.defined',
      data: { ruleId, entityId, recursive, name: command.name.trim(), rank, criteria, slaIds },
    },
  ];
}

export const slaRuleDecider: Decider<SlaRuleCommand, SlaRuleDefined, SlaRuleState> = {
  initialState: () => ({ ruleId: null }),
  decide,
  evolve: (state, event) => ({ ...state, ruleId: event.data.ruleId }),
  stateVersion: 1,
};

export const slaRuleStreamId = (ruleId: string): string => `sla-rule-${ruleId}`;
