import type { ActorRef } from '@itsm/contracts';
import type { TicketView } from '../read-models/ticket-view.projection';

/**
 * What a list item shows of a ticket: the list index keeps exactly this (never the timeline nor
 * the description), so a page is answered from memory; the read model's page is cut to it too.
 */
export interface ListedTicket
  extends Pick<
    TicketView,
    | 'ticketId'
    | 'title'
    | 'status'
    | 'type'
    | 'priority'
    | 'urgency'
    | 'impact'
    | 'categoryId'
    | 'entityId'
    | 'openedAt'
    | 'updatedAt'
    | 'solvedAt'
    | 'closedAt'
    | 'validationStatus'
  > {
  requesters: ActorRef[];
  assignees: ActorRef[];
}

/** A read-model document's list item. */
export function listedOf(view: TicketView): ListedTicket {
  return {
    ticketId: view.ticketId,
    title: view.title,
    status: view.status,
    type: view.type,
    priority: view.priority,
    urgency: view.urgency,
    impact: view.impact,
    categoryId: view.categoryId,
    entityId: view.entityId,
    openedAt: view.openedAt,
    updatedAt: view.updatedAt,
    solvedAt: view.solvedAt,
    closedAt: view.closedAt,
    validationStatus: view.validationStatus,
    requesters: view.actors.requester,
    assignees: view.actors.assignee,
  };
}
