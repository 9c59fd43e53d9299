import type { ContractEvent, DomainEvent, EventEnvelope } from '@itsm/contracts';

/** What a spec needs of a projection (structural: the kernel's Projection fits). */
export interface FoldableProjection<Doc> {
  handles: ReadonlySet<string>;
  apply(current: Doc | null, event: EventEnvelope): Doc | null;
}

/** An event as a spec gives it: its type and data, with the envelope fields it cares about. */
export type GivenEvent<Event extends DomainEvent = ContractEvent> = Event &
  Partial<Pick<EventEnvelope, 'occurredAt' | 'actor' | 'entityId' | 'streamId'>>;

/**
 * The document after the events, folded as the projection store folds one stream: in sequence,
 * starting from no document, types the projection does not handle never reaching it.
 */
export function projectEvents<Doc, Event extends DomainEvent = ContractEvent>(
  projection: FoldableProjection<Doc>,
  events: ReadonlyArray<GivenEvent<Event>>,
  from: Doc | null = null,
): Doc | null {
  return events.reduce<Doc | null>((doc, event, index) => {
    const envelope = envelopeOf(event, index + 1);
    return projection.handles.has(envelope.type) ? projection.apply(doc, envelope) : doc;
  }, from);
}

function envelopeOf({ type, data, ...given }: GivenEvent<DomainEvent>, sequence: number): EventEnvelope {
  return {
    id: `event-${sequence}`,
    type,
    schemaVersion: 1,
    streamId: 'stream',
    sequence,
    entityId: 'root',
    occurredAt: '2026-11-30T09:00:00.000Z',
    actor: { kind: 'system', id: 'spec' },
    correlationId: 'correlation',
    causationId: 'causation',
    ...given,
    data,
  };
}
