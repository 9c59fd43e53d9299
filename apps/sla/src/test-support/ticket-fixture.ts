import type {
  ActorRef,
  ActorRole,
  EventEnvelope,
  TicketClassification,
  TicketEvent,
  TicketStatus,
} from '@itsm/contracts';
import { ticketOpened } from '@itsm/fixtures';
import { EventPublisher, type ManagedIsolatedStack } from '@itsm/testing';
import { v7 as uuidv7 } from 'uuid';

/** The tickets service as sla sees it: ticket events on itsm.tickets.events, at chosen instants. */
export class TicketFixture {
  private readonly events: EventPublisher;
  private readonly entities = new Map<string, string>();
  private readonly sent = new Map<string, EventEnvelope[]>();

  constructor(stack: ManagedIsolatedStack) {
    this.events = new EventPublisher(stack, 'tickets');
  }

  connect(): Promise<void> {
    return this.events.connect();
  }

  /** A ticket opened at `openedAt`, recorded then or, a call typed in afterwards, at `recordedAt`. */
  async open(
    openedAt: Date,
    {
      entityId = 'root',
      type = 'incident',
      categoryId = null,
      priority = 3,
      requester,
      title = 'Poste lent',
      recordedAt = openedAt,
    }: {
      entityId?: string;
      type?: 'incident' | 'request';
      categoryId?: string | null;
      priority?: number;
      requester: ActorRef;
      title?: string;
      recordedAt?: Date;
    },
  ): Promise<string> {
    const ticketId = uuidv7();
    this.entities.set(ticketId, entityId);
    await this.publish(
      ticketId,
      recordedAt,
      ticketOpened(ticketId, {
        openedAt: openedAt.toISOString(),
        entityId,
        title,
        description: 'Le poste met dix minutes à démarrer.',
        type,
        categoryId,
        priority,
        requesters: [requester],
        recipientId: requester.id,
      }),
    );
    return ticketId;
  }

  status(ticketId: string, from: TicketStatus, to: TicketStatus, at: Date, reason = to): Promise<void> {
    return this.publish(ticketId, at, { type: 'ticket.status-changed', data: { ticketId, from, to, reason } });
  }

  /** Type, category or priority changed ("Classification"): the rules are tried again. */
  reclassify(
    ticketId: string,
    at: Date,
    {
      type = 'incident',
      categoryId = null,
      priority = 3,
    }: Partial<Pick<TicketClassification, 'type' | 'categoryId' | 'priority'>>,
  ): Promise<void> {
    return this.publish(ticketId, at, {
      type: 'ticket.reclassified',
      data: { ticketId, type, categoryId, urgency: 3, impact: 3, priority, priorityOverridden: true },
    });
  }

  followup(ticketId: string, authorId: string, at: Date, content = 'Je regarde.'): Promise<void> {
    return this.publish(ticketId, at, {
      type: 'ticket.followup-added',
      data: { ticketId, followupId: uuidv7(), content, private: false, authorId },
    });
  }

  async assign(ticketId: string, actor: ActorRef, at: Date): Promise<void> {
    await this.actor(ticketId, 'ticket.actor-added', 'assignee', actor, at);
    await this.status(ticketId, 'new', 'assigned', at, 'assigned');
  }

  /** A requester, observer or assignee added or taken off, without any status change. */
  actor(
    ticketId: string,
    change: 'ticket.actor-added' | 'ticket.actor-removed',
    role: ActorRole,
    actor: ActorRef,
    at: Date,
  ): Promise<void> {
    return this.publish(ticketId, at, { type: change, data: { ticketId, role, actor } });
  }

  /** The ticket's events as published, in order. */
  eventsOf(ticketId: string): EventEnvelope[] {
    return this.sent.get(ticketId) ?? [];
  }

  private async publish(ticketId: string, at: Date, event: TicketEvent): Promise<void> {
    const envelopes = await this.events.publish(
      `ticket-${ticketId}`,
      this.entities.get(ticketId) ?? 'root',
      [event],
      at,
    );
    this.sent.set(ticketId, [...this.eventsOf(ticketId), ...envelopes]);
  }
}
