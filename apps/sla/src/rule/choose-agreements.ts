import type { RuleCriteria, TicketType } from '@itsm/contracts';

export interface RuleCandidate {
  ruleId: string;
  rank: number;
  criteria: RuleCriteria;
  slaIds: string[];
}

export interface ClassifiedTicket {
  type: TicketType;
  categoryId: string | null;
  priority: number;
}

const accepts = <Value>(allowed: readonly Value[], value: Value): boolean =>
  allowed.length === 0 || allowed.includes(value);

export function ruleMatches(criteria: RuleCriteria, ticket: ClassifiedTicket): boolean {
  return (
    accepts(criteria.types, ticket.type) &&
    accepts(criteria.priorities, ticket.priority) &&
    (criteria.categoryIds.length === 0 ||
      (ticket.categoryId !== null && criteria.categoryIds.includes(ticket.categoryId)))
  );
}

/** GLPI's business rules, first match wins: rules by rank, then by creation (ids are UUIDv7). */
export function chooseAgreements(rules: readonly RuleCandidate[], ticket: ClassifiedTicket): string[] {
  const ordered = [...rules].sort((a, b) => a.rank - b.rank || a.ruleId.localeCompare(b.ruleId));
  return ordered.find((rule) => ruleMatches(rule.criteria, ticket))?.slaIds ?? [];
}
