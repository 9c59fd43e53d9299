import type { ActorRef, ActorRole, LinkedItem, TicketStatus, TicketType } from '@itsm/contracts';
import { defineProjection } from '@itsm/eventsourcing';

/** What the assets service keeps of a ticket (itsm.tickets.events): its items, and what shows and guards it. */
export interface AssetTicketDoc {
  ticketId: string;
  entityId: string;
  title: string;
  type: TicketType;
  status: TicketStatus;
  priority: number;
  openedAt: string;
  /** `<itemType>:<itemId>` of each linked asset: what an asset's tickets are found by */
  itemKeys: string[];
  /** who requests, observes or is assigned it: who sees it without ticket.read-all (seesTicket) */
  actors: Record<ActorRole, ActorRef[]>;
}

const itemKeysOf = (items: readonly LinkedItem[]) => items.map((item) => `${item.itemType}:${item.itemId}`);
const sameActor = (a: ActorRef, b: ActorRef) => a.kind === b.kind && a.id === b.id;

/** One document per ticket; an asset's tickets are those whose itemKeys hold it. */
export const assetTicketsProjection = defineProjection<AssetTicketDoc>({
  name: 'asset_tickets',
  indexes: [
    { keys: { ticketId: 1 }, options: { name: 'ticket', unique: true } },
    { keys: { itemKeys: 1, openedAt: -1 }, options: { name: 'item_opened' } },
  ],
  handlers: {
    'ticket.opened': (_current, { data }) => ({
      ticketId: data.ticketId,
      entityId: data.entityId,
      title: data.title,
      type: data.type,
      status: 'new',
      priority: data.priority,
      openedAt: data.openedAt,
      itemKeys: itemKeysOf(data.items),
      actors: { requester: data.requesters, observer: data.observers, assignee: data.assignees },
    }),
    'ticket.details-changed': (current, { data }) =>
      current && {
        ...current,
        ...(data.title === undefined ? {} : { title: data.title }),
        ...(data.items === undefined ? {} : { itemKeys: itemKeysOf(data.items) }),
      },
    'ticket.reclassified': (current, { data }) => current && { ...current, type: data.type, priority: data.priority },
    'ticket.status-changed': (current, { data }) => current && { ...current, status: data.to },
    'ticket.actor-added': (current, { data: { role, actor } }) =>
      current && { ...current, actors: { ...current.actors, [role]: [...current.actors[role], actor] } },
    'ticket.actor-removed': (current, { data: { role, actor } }) =>
      current && {
        ...current,
        actors: { ...current.actors, [role]: current.actors[role].filter((one) => !sameActor(one, actor)) },
      },
  },
});
