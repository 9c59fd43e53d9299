import type { TicketStatus } from '@itsm/contracts';

/**
 * What the list index keeps of a ticket: the fields the simple lists filter and sort on. The
 * stream id is not kept (`ticket-<ticketId>`, see ticketStreamId): ~60 bytes less per row.
 */
export interface TicketListRow {
  ticketId: string;
  entityId: string;
  status: TicketStatus;
  type: string;
  priority: number;
  categoryId: string | null;
  openedAt: string;
  updatedAt: string;
  /** the read-model document's `_sequence`: a row only ever moves forward */
  sequence: number;
}

/** The row's fields of a ticket_view document: what the load and the refreshes read, nothing more. */
export const ROW_PROJECTION = {
  _id: 1,
  _sequence: 1,
  ticketId: 1,
  entityId: 1,
  status: 1,
  type: 1,
  priority: 1,
  categoryId: 1,
  openedAt: 1,
  updatedAt: 1,
} as const;

const STREAM_PREFIX = 'ticket-';

/** The ticket of a stream id, or undefined for another aggregate's stream (categories share the topic). */
export const ticketIdOfStream = (streamId: string): string | undefined =>
  streamId.startsWith(STREAM_PREFIX) ? streamId.slice(STREAM_PREFIX.length) : undefined;

/** A row from a (projected) ticket_view document; undefined when the document lacks its keys. */
export function rowOf(doc: Record<string, unknown>): TicketListRow | undefined {
  const { ticketId, entityId, status, type, priority, categoryId, openedAt, updatedAt, _sequence } = doc;
  if (typeof ticketId !== 'string' || typeof _sequence !== 'number') return undefined;
  if (doc._id !== `${STREAM_PREFIX}${ticketId}`) return undefined; // the index finds documents by that id
  return {
    ticketId,
    entityId: entityId as string,
    status: status as TicketStatus,
    type: type as string,
    priority: priority as number,
    categoryId: (categoryId as string | null | undefined) ?? null,
    // a missing date sorts first going up, as null and missing do in MongoDB
    openedAt: typeof openedAt === 'string' ? openedAt : '',
    updatedAt: typeof updatedAt === 'string' ? updatedAt : '',
    sequence: _sequence,
  };
}
