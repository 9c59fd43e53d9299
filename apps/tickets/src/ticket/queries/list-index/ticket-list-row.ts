import type { TicketView } from '../../read-models/ticket-view.projection';
import { listedOf, type ListedTicket } from '../listed-ticket';

/**
 * What the list index keeps of a ticket: the fields the simple lists filter and sort on, and what
 * their items show (a page needs no document read). The stream id is not kept (`ticket-<ticketId>`,
 * see ticketStreamId): ~60 bytes less per row.
 */
export interface TicketListRow extends ListedTicket {
  /** the read-model document's `_sequence`: a row only ever moves forward */
  sequence: number;
}

/** The row's fields of a ticket_view document: what the load and the refreshes read, nothing more. */
export const ROW_PROJECTION = {
  _id: 1,
  _sequence: 1,
  ticketId: 1,
  title: 1,
  entityId: 1,
  status: 1,
  type: 1,
  priority: 1,
  urgency: 1,
  impact: 1,
  categoryId: 1,
  openedAt: 1,
  updatedAt: 1,
  solvedAt: 1,
  closedAt: 1,
  validationStatus: 1,
  // the observers come along (FerretDB 1.24 projects no dotted path reliably): few, not kept
  actors: 1,
} as const;

const STREAM_PREFIX = 'ticket-';

/** The ticket of a stream id, or undefined for another aggregate's stream (categories share the topic). */
export const ticketIdOfStream = (streamId: string): string | undefined =>
  streamId.startsWith(STREAM_PREFIX) ? streamId.slice(STREAM_PREFIX.length) : undefined;

const dateOf = (value: unknown) => (typeof value === 'string' ? value : null);

/** A row from a (projected) ticket_view document; undefined when the document lacks its keys. */
export function rowOf(doc: Record<string, unknown>): TicketListRow | undefined {
  const { ticketId, _sequence } = doc;
  if (typeof ticketId !== 'string' || typeof _sequence !== 'number') return undefined;
  if (doc._id !== `${STREAM_PREFIX}${ticketId}`) return undefined; // the index finds documents by that id
  const view = doc as unknown as TicketView;
  const actors = { requester: [], observer: [], assignee: [], ...(view.actors as Partial<TicketView['actors']>) };
  return {
    ...listedOf({ ...view, actors }),
    categoryId: view.categoryId ?? null,
    // a missing date sorts first going up, as null and missing do in MongoDB
    openedAt: view.openedAt ?? '',
    updatedAt: view.updatedAt ?? '',
    solvedAt: dateOf(view.solvedAt),
    closedAt: dateOf(view.closedAt),
    sequence: _sequence,
  };
}
