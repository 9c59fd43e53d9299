import type { ActorRef, CalendarDefinition, EventEnvelope, TicketStatus } from '@itsm/contracts';
import { ticketOpened } from '@itsm/fixtures';

type Agreement = 'sla' | 'ola';
type Kind = 'tto' | 'ttr';

export interface OpenOptions {
  entityId?: string;
  type?: 'incident' | 'request';
  categoryId?: string | null;
  priority?: number;
  location?: string | null;
  items?: Array<{ itemType: string; itemId: string }>;
  requester?: string;
  technician?: string;
  group?: string;
}

/**
 * A history of tickets as the tickets and sla services publish it: envelopes with their streams'
 * sequences, at chosen instants. What the statistics are folded from, in unit tests and on Kafka.
 */
export class TicketHistory {
  readonly events: EventEnvelope[] = [];
  private readonly sequences = new Map<string, number>();
  private readonly entities = new Map<string, string>();
  private counter = 0;

  /** Opens a ticket at `at` (its opening date), requested by `requester` and assigned as told. */
  open(ticketId: string, at: string, options: OpenOptions = {}): string {
    const { entityId = 'root', requester = 'requester', technician, group, items = [], location = null } = options;
    this.entities.set(ticketId, entityId);
    const assignees: ActorRef[] = [
      ...(technician ? [{ kind: 'user' as const, id: technician }] : []),
      ...(group ? [{ kind: 'group' as const, id: group }] : []),
    ];
    const opened = ticketOpened(ticketId, {
      title: 'Imprimante',
      description: 'Les lignes sont décalées.',
      requesters: [{ kind: 'user', id: requester }],
      assignees,
      entityId,
      openedAt: at,
      type: options.type ?? 'incident',
      categoryId: options.categoryId ?? null,
      priority: options.priority ?? 3,
      location,
      items,
    });
    this.ticket(ticketId, at, opened.type, opened.data);
    return ticketId;
  }

  status(ticketId: string, from: TicketStatus, to: TicketStatus, at: string): this {
    return this.ticket(ticketId, at, 'ticket.status-changed', { ticketId, from, to, reason: to });
  }

  assign(ticketId: string, actor: ActorRef, at: string, removed = false): this {
    const type = removed ? 'ticket.actor-removed' : 'ticket.actor-added';
    return this.ticket(ticketId, at, type, { ticketId, role: 'assignee', actor });
  }

  followup(ticketId: string, authorId: string, at: string): this {
    const followupId = `f-${++this.counter}`;
    return this.ticket(ticketId, at, 'ticket.followup-added', {
      ticketId,
      followupId,
      content: 'Je regarde.',
      private: false,
      authorId,
    });
  }

  reclassify(ticketId: string, at: string, categoryId: string | null, priority = 3): this {
    return this.ticket(ticketId, at, 'ticket.reclassified', {
      ticketId,
      type: 'incident',
      categoryId,
      urgency: 3,
      impact: 3,
      priority,
      priorityOverridden: true,
    });
  }

  satisfaction(ticketId: string, rating: number, at: string): this {
    return this.ticket(ticketId, at, 'ticket.satisfaction-recorded', {
      ticketId,
      rating,
      comment: '',
      answeredBy: 'requester',
      answeredAt: at,
    });
  }

  attach(
    ticketId: string,
    slaId: string,
    agreement: Agreement,
    kind: Kind,
    deadline: string,
    at: string,
    calendarId: string | null = null,
  ): this {
    return this.sla(ticketId, at, 'sla.attached', {
      ...this.ref(ticketId, slaId, agreement, kind),
      entityId: this.entities.get(ticketId) ?? 'root',
      name: slaId,
      calendarId,
      ticketSequence: 1,
      startedAt: at,
      deadline,
      levels: [],
      reason: 'rule',
    });
  }

  met(ticketId: string, slaId: string, agreement: Agreement, kind: Kind, deadline: string, metAt: string): this {
    return this.sla(ticketId, metAt, 'sla.met', {
      ...this.ref(ticketId, slaId, agreement, kind),
      ticketSequence: 1,
      deadline,
      metAt,
      late: metAt > deadline,
      reason: kind === 'tto' ? 'taken-into-account' : 'solved',
    });
  }

  breached(ticketId: string, slaId: string, agreement: Agreement, kind: Kind, deadline: string): this {
    return this.sla(ticketId, deadline, 'sla.breached', {
      ...this.ref(ticketId, slaId, agreement, kind),
      entityId: this.entities.get(ticketId) ?? 'root',
      name: slaId,
      deadline,
      levelId: 'breach',
      levelName: 'Dépassement',
      offsetMinutes: 0,
      dueAt: deadline,
      actions: [],
    });
  }

  /** The events in the order of their instants (each stream stays in its order: its instants grow). */
  inTimeOrder(): EventEnvelope[] {
    return [...this.events].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  }

  /** A business calendar created (or, when it exists, changed), on its stream of the sla topic. */
  calendar(calendarId: string, definition: CalendarDefinition, at: string): this {
    const streamId = `calendar-${calendarId}`;
    const type = this.sequences.has(streamId) ? 'calendar.changed' : 'calendar.created';
    const owner = type === 'calendar.created' ? { entityId: 'root', recursive: true } : {};
    return this.append(streamId, '', at, type, { calendarId, ...owner, ...definition });
  }

  /** An asset created with a type and a model (their dropdowns' ids), or their change when it exists. */
  asset(assetId: string, typeId: string | null, modelId: string | null, at: string): this {
    const streamId = `asset-${assetId}`;
    if (this.sequences.has(streamId)) {
      const changes = { typeId, modelId };
      return this.append(streamId, '', at, 'asset.updated', { assetId, assetType: 'computer', changes, locked: [] });
    }
    const fields = { name: assetId, typeId, modelId };
    return this.append(streamId, '', at, 'asset.created', {
      assetId,
      assetType: 'computer',
      entityId: 'root',
      dynamic: false,
      fields,
    });
  }

  /** An asset moved to another entity: statistics count tickets by their own entity, so it changes nothing. */
  transferAsset(assetId: string, entityId: string, at: string): this {
    const data = { assetId, assetType: 'computer', fromEntityId: 'root', entityId };
    return this.append(`asset-${assetId}`, '', at, 'asset.transferred', data);
  }

  /** A category or an agreement defined, on its own stream: its name labels the tables. */
  define(type: 'category.created' | 'sla.defined', streamId: string, at: string, data: object): this {
    return this.append(streamId, '', at, type, data);
  }

  private ref(ticketId: string, slaId: string, agreement: Agreement, kind: Kind) {
    return { ticketId, slaId, agreement, kind };
  }

  private ticket(ticketId: string, at: string, type: string, data: object): this {
    return this.append(`ticket-${ticketId}`, ticketId, at, type, data);
  }

  private sla(ticketId: string, at: string, type: string, data: object): this {
    return this.append(`ticket-sla-${ticketId}`, ticketId, at, type, data);
  }

  private append(streamId: string, ticketId: string, at: string, type: string, data: object): this {
    const sequence = (this.sequences.get(streamId) ?? 0) + 1;
    this.sequences.set(streamId, sequence);
    this.events.push({
      id: `e-${++this.counter}`,
      type,
      schemaVersion: ['ticket.opened', 'ticket.satisfaction-recorded', 'calendar.created', 'calendar.changed'].includes(
        type,
      )
        ? 2
        : 1,
      streamId,
      sequence,
      entityId: this.entities.get(ticketId) ?? 'root',
      occurredAt: at,
      actor: { kind: 'system', id: 'history' },
      correlationId: `c-${this.counter}`,
      causationId: `c-${this.counter}`,
      data,
    });
    return this;
  }
}
