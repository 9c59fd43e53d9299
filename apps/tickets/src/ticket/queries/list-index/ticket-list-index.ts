import type { ActorRef } from '@itsm/contracts';
import { Injectable } from '@nestjs/common';
import { RowIndex, type FanOut } from '@itsm/runtime';
import { listPage, rowsCanAnswer, type RowPage } from './list-page';
import type { TicketListRow } from './ticket-list-row';

/** the empty list most tickets have of assignees (and some of requesters): one for all rows */
const NO_ACTORS: ActorRef[] = Object.freeze([]) as unknown as ActorRef[];

const bucketOf = (entityId: string, status: string) => `${entityId}\u0000${status}`;

/**
 * The simple ticket lists answered from memory, on each replica: FerretDB 1.24 decodes every
 * matching document to sort and count them (seconds at 100,000 tickets), this scans small rows.
 * Rows come from the ticket_view read model (loaded, then refreshed after each ticket event);
 * until the feed says the index is caught up, or after it failed, `page` declines and the read
 * model answers.
 */
@Injectable()
export class TicketListIndex extends RowIndex<TicketListRow> {
  /** (entity, status) -> its rows: a page reads its branches' buckets only, as fanOutPage queries them */
  private readonly buckets = new Map<string, Map<string, TicketListRow>>();

  /** one object per actor: rows share them (a requester has many tickets) */
  private readonly actors = new Map<string, ActorRef>();

  protected keyOf(row: TicketListRow): string {
    return row.ticketId;
  }

  protected override compact(row: TicketListRow): TicketListRow {
    return {
      ...row,
      entityId: this.shared(row.entityId),
      status: this.shared(row.status),
      type: this.shared(row.type),
      categoryId: this.shared(row.categoryId),
      validationStatus: this.shared(row.validationStatus),
      updatedAt: row.updatedAt === row.openedAt ? row.openedAt : row.updatedAt,
      requesters: this.sharedActors(row.requesters),
      assignees: this.sharedActors(row.assignees),
    };
  }

  private sharedActors(actors: ActorRef[]): ActorRef[] {
    if (actors.length === 0) return NO_ACTORS;
    return actors.map(({ kind, id }) => {
      const key = `${kind}:${id}`;
      const known = this.actors.get(key);
      if (known) return known;
      const actor = Object.freeze({ kind, id });
      this.actors.set(key, actor);
      return actor;
    });
  }

  protected override placed(ticketId: string, row: TicketListRow, previous: TicketListRow | undefined): void {
    const bucket = bucketOf(row.entityId, row.status);
    if (previous && bucketOf(previous.entityId, previous.status) !== bucket) {
      this.buckets.get(bucketOf(previous.entityId, previous.status))?.delete(ticketId);
    }
    const rows = this.buckets.get(bucket) ?? new Map<string, TicketListRow>();
    this.buckets.set(bucket, rows.set(ticketId, row));
  }

  /** The page's tickets and the total, or undefined when the read model must answer. */
  page(plan: FanOut): RowPage | undefined {
    if (!this.ready || !rowsCanAnswer(plan)) return undefined;
    const buckets = new Set(plan.branches.map(({ entityId, status }) => bucketOf(entityId, status)));
    const sources = [...buckets].flatMap((bucket) => {
      const rows = this.buckets.get(bucket);
      return rows ? [rows.values()] : [];
    });
    return listPage(sources, plan);
  }
}
