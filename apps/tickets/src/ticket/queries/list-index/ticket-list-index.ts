import { Injectable } from '@nestjs/common';
import type { FanOut } from '@itsm/runtime';
import { listPage, rowsCanAnswer, type RowPage } from './list-page';
import type { TicketListRow } from './ticket-list-row';

const bucketOf = (entityId: string, status: string) => `${entityId}\u0000${status}`;

/**
 * The simple ticket lists answered from memory, on each replica: FerretDB 1.24 decodes every
 * matching document to sort and count them (seconds at 100,000 tickets), this scans small rows.
 * Rows come from the ticket_view read model (loaded, then refreshed after each ticket event);
 * until the feed says the index is caught up, or after it failed, `page` declines and the read
 * model answers.
 */
@Injectable()
export class TicketListIndex {
  private readonly rows = new Map<string, TicketListRow>();
  /** (entity, status) -> its rows: a page reads its branches' buckets only, as fanOutPage queries them */
  private readonly buckets = new Map<string, Map<string, TicketListRow>>();
  /** one copy of each entity, status, type, category: rows share them */
  private readonly strings = new Map<string, string>();
  private caughtUp = false;
  /** until when the feed is known to be connected: past it, events may be missed (Kafka down) */
  private freshUntil = 0;

  get ready(): boolean {
    return this.caughtUp && Date.now() <= this.freshUntil;
  }

  get size(): number {
    return this.rows.size;
  }

  /** The feed has loaded the rows and caught up with the events since: pages may be answered. */
  markReady(): void {
    this.caughtUp = true;
  }

  /** The feed has just heard from Kafka: no event is missed for this long at least. */
  confirmFresh(forMs: number): void {
    this.freshUntil = Date.now() + forMs;
  }

  /** The feed lost events (consumer stopped, reload under way): the read model answers meanwhile. */
  markStale(): void {
    this.caughtUp = false;
  }

  /** The sequence the row reflects; 0 when the ticket is not known. */
  sequenceOf(ticketId: string): number {
    return this.rows.get(ticketId)?.sequence ?? 0;
  }

  /** Keeps the row unless the index already holds a later state of the ticket; true when kept. */
  upsert(row: TicketListRow): boolean {
    const previous = this.rows.get(row.ticketId);
    if (previous && row.sequence < previous.sequence) return false;
    const kept = {
      ...row,
      entityId: this.shared(row.entityId),
      status: this.shared(row.status),
      type: this.shared(row.type),
      categoryId: row.categoryId === null ? null : this.shared(row.categoryId),
      updatedAt: row.updatedAt === row.openedAt ? row.openedAt : row.updatedAt,
    };
    const bucket = bucketOf(kept.entityId, kept.status);
    if (previous && bucketOf(previous.entityId, previous.status) !== bucket) {
      this.buckets.get(bucketOf(previous.entityId, previous.status))?.delete(row.ticketId);
    }
    this.rows.set(row.ticketId, kept);
    const rows = this.buckets.get(bucket) ?? new Map<string, TicketListRow>();
    this.buckets.set(bucket, rows.set(row.ticketId, kept));
    return true;
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

  private shared<Text extends string>(text: Text): Text {
    if (typeof text !== 'string') return text;
    const known = this.strings.get(text);
    if (known !== undefined) return known as Text;
    this.strings.set(text, text);
    return text;
  }
}
