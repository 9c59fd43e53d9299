import type { EventEnvelope } from '@itsm/contracts';
import type { TraceHeaders } from './trace-context';

/**
 * An event as it travels on its topic, as docs/asyncapi.yaml describes it: keyed by its stream
 * (per-stream order), the envelope as JSON, and the headers a consumer may route on unread.
 */
export function eventMessage(event: EventEnvelope) {
  return tracedEventMessage(event, {});
}

/** The same, with the W3C trace context stored with the event's commit. */
export function tracedEventMessage(event: EventEnvelope, trace: TraceHeaders) {
  return {
    key: event.streamId,
    value: JSON.stringify(event),
    headers: {
      'event-type': event.type,
      'schema-version': String(event.schemaVersion),
      'event-id': event.id,
      ...traceOnly(trace),
    },
  };
}

/** Only the two W3C headers: a stored carrier never adds anything else to the public headers. */
function traceOnly({ traceparent, tracestate }: TraceHeaders): TraceHeaders {
  return { ...(traceparent && { traceparent }), ...(tracestate && { tracestate }) };
}
