/** Who caused an event: a signed-in user, or the platform itself (timers, imports, seeds). */
export interface EventActor {
  kind: 'user' | 'system';
  /** the user's id, or the name of the system component */
  id: string;
}

/**
 * Every event, on disk and on Kafka, travels in this envelope. Downstream consumers may rely on
 * every field; the shape is version 1 of the envelope and only grows by optional fields.
 */
export interface EventEnvelope<Type extends string = string, Data = unknown> {
  /** UUIDv7: unique, and roughly time-ordered */
  id: string;
  /** `<aggregate>.<past-tense-verb>`, e.g. `ticket.assigned` */
  type: Type;
  /** version of `data`'s schema for this type */
  schemaVersion: number;
  /** the aggregate's stream, e.g. `ticket-0190…`; the Kafka message key */
  streamId: string;
  /** 1-based position in the stream, gap-free */
  sequence: number;
  /** the entity (tenant subtree) that owns the aggregate */
  entityId: string;
  /** ISO 8601 instant */
  occurredAt: string;
  actor: EventActor;
  /** the request or flow that led to this event */
  correlationId: string;
  /** the command or event that directly caused this one */
  causationId: string;
  data: Data;
}

/** What a decider emits: the event without its envelope. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

/** The part of the envelope a command's caller supplies. */
export interface EventMetadata {
  entityId: string;
  actor: EventActor;
  correlationId: string;
  causationId: string;
}
