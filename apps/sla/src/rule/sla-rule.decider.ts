import { DomainError, type Decider } from '@itsm/domain';
import type { AgreementKind, AgreementType, RuleCriteria, SlaRuleEvent } from '@itsm/contracts';

interface RuleTerms {
  ruleId: string;
  name: string;
  rank: number;
  criteria: RuleCriteria;
  /** the agreements the rule gives, with their slots (found by the handler) */
  agreements: Array<{ slaId: string; agreement: AgreementType; kind: AgreementKind }>;
}

/** Define a rule, or replace one's name, rank, criteria and agreements (its entity stays). */
export type SlaRuleCommand =
  | ({ type: 'define-rule'; entityId: string; recursive: boolean } & RuleTerms)
  | ({ type: 'change-rule' } & RuleTerms)
  | { type: 'delete-rule'; ruleId: string };

export interface SlaRuleState {
  ruleId: string | null;
  /** a deleted rule is gone for its owners (404); its id stays taken */
  deleted: boolean;
}

function termsRefusal(command: RuleTerms): DomainError | null {
  if (command.name.trim() === '') return new DomainError('rule', 'the rule needs a name');
  if (command.agreements.length === 0) return new DomainError('rule', 'a rule gives at least one SLA or OLA');
  const slots = new Set<string>();
  for (const { agreement, kind } of command.agreements) {
    const slot = `${agreement.toUpperCase()} ${kind.toUpperCase()}`;
    if (slots.has(slot)) return new DomainError('rule', `a rule gives at most one ${slot}`);
    slots.add(slot);
  }
  return null;
}

function decide(command: SlaRuleCommand, state: SlaRuleState): SlaRuleEvent[] | DomainError {
  const { ruleId } = command;
  if (command.type === 'define-rule' && state.ruleId !== null) {
    return new DomainError('conflict', `rule ${ruleId} already exists`);
  }
  if (command.type !== 'define-rule' && (state.ruleId === null || state.deleted)) {
    return new DomainError('not_found', `unknown rule ${ruleId}`);
  }
  if (command.type === 'delete-rule') return [{ type: 'sla-rule.deleted', data: { ruleId } }];
  const { rank, criteria } = command;
  const refusal = termsRefusal(command);
  if (refusal) return refusal;
  const terms = { name: command.name.trim(), rank, criteria, slaIds: command.agreements.map(({ slaId }) => slaId) };
  if (command.type === 'change-rule') return [{ type: 'sla-rule.changed', data: { ruleId, ...terms } }];
  const { entityId, recursive } = command;
  return [{ type: 'sla-rule.defined', data: { ruleId, entityId, recursive, ...terms } }];
}

export const slaRuleDecider: Decider<SlaRuleCommand, SlaRuleEvent, SlaRuleState> = {
  initialState: () => ({ ruleId: null, deleted: false }),
  decide,
  evolve: (_state, event) => ({ ruleId: event.data.ruleId, deleted: event.type === 'sla-rule.deleted' }),
  stateVersion: 2,
};

export const slaRuleStreamId = (ruleId: string): string => `sla-rule-${ruleId}`;
