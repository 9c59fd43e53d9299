import { randomUUID } from 'node:crypto';
import {
  topicFor,
  type AgreementKind,
  type AgreementType,
  type EscalationAction,
  type EventEnvelope,
  type TicketSlaEvent,
} from '@itsm/contracts';
import { createIdempotentProducer, ensureTopics, eventMessage } from '@itsm/messaging';
import { type ManagedIsolatedStack, stackKafka } from '@itsm/testing';
import { Kafka, type Producer } from 'kafkajs';
import { v7 as uuidv7 } from 'uuid';

/** One agreement on one ticket, as the sla service would have attached it. */
export interface TicketAgreement {
  ticketId: string;
  entityId: string;
  slaId: string;
  agreement: AgreementType;
  kind: AgreementKind;
  name: string;
  deadline: string;
}

/**
 * The sla service as tickets sees it: per-ticket events on itsm.sla.events (stream
 * `ticket-sla-<ticketId>`, sequences counted per stream), and the same envelope again to play a
 * Kafka redelivery. The tickets tests depend on sla's published contracts only.
 */
export class SlaFixture {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly sequences = new Map<string, number>();
  private readonly topic: string;

  constructor(stack: ManagedIsolatedStack) {
    this.kafka = stackKafka(stack);
    this.producer = createIdempotentProducer(this.kafka);
    this.topic = topicFor('sla', stack.topicPrefix);
    stack.onTeardown(() => this.producer.disconnect());
  }

  async connect(): Promise<void> {
    await ensureTopics(this.kafka, [this.topic, `${this.topic}.dlq`]);
    await this.producer.connect();
  }

  attach(on: TicketAgreement): Promise<EventEnvelope> {
    const { entityId, name, deadline } = on;
    const startedAt = new Date(Date.parse(deadline) - 3_600_000).toISOString();
    return this.publish(on, {
      type: 'sla.attached',
      data: {
        ...this.ref(on),
        ticketSequence: 1,
        entityId,
        name,
        calendarId: null,
        startedAt,
        deadline,
        levels: [],
        reason: 'rule',
      },
    });
  }

  /** A level reached: before the deadline a warning, at it the breach, after it an escalation. */
  level(on: TicketAgreement, offsetMinutes: number, actions: EscalationAction[] = []): Promise<EventEnvelope> {
    const type = offsetMinutes < 0 ? 'sla.warning' : offsetMinutes === 0 ? 'sla.breached' : 'sla.escalated';
    const dueAt = new Date(Date.parse(on.deadline) + offsetMinutes * 60_000).toISOString();
    return this.publish(on, {
      type,
      data: {
        ...this.ref(on),
        entityId: on.entityId,
        name: on.name,
        deadline: on.deadline,
        levelId: `level${offsetMinutes}`,
        levelName: offsetMinutes === 0 ? 'Échéance dépassée' : `Niveau ${offsetMinutes} min`,
        offsetMinutes,
        dueAt,
        actions,
      },
    } as TicketSlaEvent);
  }

  met(on: TicketAgreement, metAt: string): Promise<EventEnvelope> {
    return this.publish(on, {
      type: 'sla.met',
      data: {
        ...this.ref(on),
        ticketSequence: 2,
        deadline: on.deadline,
        metAt,
        late: Date.parse(metAt) > Date.parse(on.deadline),
        reason: on.kind === 'tto' ? 'taken-into-account' : 'solved',
      },
    });
  }

  /** The very same message again, as Kafka delivers it after a consumer's crash. */
  async redeliver(envelope: EventEnvelope): Promise<void> {
    await this.send([envelope]);
  }

  private ref({ ticketId, slaId, agreement, kind }: TicketAgreement) {
    return { ticketId, slaId, agreement, kind };
  }

  private async publish(on: TicketAgreement, event: TicketSlaEvent): Promise<EventEnvelope> {
    const streamId = `ticket-sla-${on.ticketId}`;
    const sequence = (this.sequences.get(streamId) ?? 0) + 1;
    this.sequences.set(streamId, sequence);
    const envelope: EventEnvelope = {
      id: uuidv7(),
      type: event.type,
      schemaVersion: 1,
      streamId,
      sequence,
      entityId: on.entityId,
      occurredAt: new Date().toISOString(),
      actor: { kind: 'system', id: 'sla' },
      correlationId: randomUUID(),
      causationId: randomUUID(),
      data: event.data,
    };
    await this.send([envelope]);
    return envelope;
  }

  private async send(envelopes: EventEnvelope[]): Promise<void> {
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: envelopes.map(eventMessage),
    });
  }
}
