import type { EventEnvelope } from '@itsm/contracts';

/**
 * An event as it travels on its topic, as docs/asyncapi.yaml describes it: keyed by its stream
 * (per-stream order), the envelope as JSON, and the headers a consumer may route on unread.
 */
export function eventMessage(event: EventEnvelope) {
  return {
    key: event.streamId,
    value: JSON.stringify(event),
    headers: { 'event-type': event.type, 'schema-version': String(event.schemaVersion), 'event-id': event.id },
  };
}
