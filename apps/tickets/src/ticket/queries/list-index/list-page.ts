import { selectRows, type FanOut } from '@itsm/runtime';
import type { TicketListRow } from './ticket-list-row';

/** One page of the index: the tickets' rows in list order, and how many match in all. */
export interface RowPage {
  rows: TicketListRow[];
  total: number;
}

const SORTABLE = new Set(['openedAt', 'updatedAt']);
const SHARED = new Set(['type', 'priority', 'categoryId']);
/** Whether the rows hold every field the plan filters and sorts on (else: the read model answers). */
export function rowsCanAnswer(plan: FanOut): boolean {
  return (
    SORTABLE.has(plan.sortField) &&
    Object.keys(plan.shared).every((field) => SHARED.has(field)) &&
    plan.branches.every((branch) => Object.keys(branch).sort().join() === 'entityId,status')
  );
}

/**
 * What fanOutPage answers, from rows: the shared equalities, one of the (entity, status) branches,
 * sorted on the plan's date then the ticket id (as `_id`, `ticket-<id>`, orders), both the plan's way.
 * `sources`: where the rows are (all of them, or the index's buckets of the plan's branches).
 */
export function listPage(sources: Iterable<Iterable<TicketListRow>>, plan: FanOut): RowPage {
  return selectRows(sources, matcherOf(plan), orderOf(plan), plan.skip, plan.limit);
}

function orderOf(plan: FanOut): (a: TicketListRow, b: TicketListRow) => number {
  const field = plan.sortField as 'openedAt' | 'updatedAt';
  return (a, b) => {
    if (a[field] !== b[field]) return a[field] < b[field] ? -plan.direction : plan.direction;
    if (a.ticketId === b.ticketId) return 0;
    return a.ticketId < b.ticketId ? -plan.direction : plan.direction;
  };
}

function matcherOf(plan: FanOut): (row: TicketListRow) => boolean {
  const shared = Object.entries(plan.shared) as Array<[keyof TicketListRow, string | number]>;
  // entity -> statuses: two lookups per row, no key built
  const statusesOf = new Map<string, Set<string>>();
  for (const { entityId, status } of plan.branches) {
    statusesOf.set(entityId, (statusesOf.get(entityId) ?? new Set()).add(status));
  }
  return (row) => {
    for (const [field, value] of shared) if (row[field] !== value) return false;
    return statusesOf.get(row.entityId)?.has(row.status) ?? false;
  };
}
