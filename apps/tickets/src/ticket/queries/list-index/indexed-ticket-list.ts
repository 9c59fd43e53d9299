import { Injectable } from '@nestjs/common';
import type { ProjectedFields } from '@itsm/eventsourcing';
import { ListedDocCache, type FanOut, type Page } from '@itsm/runtime';
import { TicketAccess } from '../../access/ticket-access';
import type { TicketView } from '../../read-models/ticket-view.projection';
import { ticketStreamId } from '../../ticket.decider';
import { TicketListIndex } from './ticket-list-index';

/** what a list item needs: not the timeline, description nor query index (the large parts) */
const LIST_ITEM_PROJECTION = { timeline: 0, description: 0, actorIndex: 0 } as const;
/** ~1 KB each: a few MB for the pages most listed */
const CACHED_TICKETS = 5000;

type ListedTicket = TicketView & Partial<ProjectedFields>;

/**
 * The simple lists from the replica's list index: the index finds the page's tickets and the
 * total; their documents are then read by id, one query each (FerretDB hands an `_id` equality to
 * PostgreSQL, not an `$in`), unless read already at the row's sequence. Each such read costs
 * FerretDB ~1 ms of CPU: 20 of them were most of a page's time.
 */
@Injectable()
export class IndexedTicketList {
  private readonly cache = new ListedDocCache<ListedTicket>(CACHED_TICKETS);

  constructor(
    private readonly index: TicketListIndex,
    private readonly access: TicketAccess,
  ) {}

  /** The page, or undefined when the index is not ready (or cannot answer this plan). */
  async page(plan: FanOut): Promise<Page<TicketView> | undefined> {
    const found = this.index.page(plan);
    if (!found) return undefined;
    const tickets = await this.access.tickets();
    const docs = await Promise.all(
      found.ticketIds.map(async (ticketId) => {
        const sequence = this.index.sequenceOf(ticketId);
        const cached = this.cache.get(ticketId, sequence);
        if (cached) return cached;
        const doc = (await tickets.findOne(
          { _id: ticketStreamId(ticketId) },
          { projection: LIST_ITEM_PROJECTION },
        )) as ListedTicket | null;
        if (doc) this.cache.set(ticketId, doc._sequence ?? 0, doc);
        return doc;
      }),
    );
    return {
      items: docs.filter((doc): doc is ListedTicket => doc !== null),
      total: found.total,
      page: Math.floor(plan.skip / plan.limit) + 1,
      limit: plan.limit,
    };
  }
}
