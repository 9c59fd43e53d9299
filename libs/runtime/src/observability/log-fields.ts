import { currentFlow } from '@itsm/messaging';
import { trace } from '@opentelemetry/api';

/**
 * What every log line says of the work it belongs to (pino's mixin): the flow's correlation id
 * (an HTTP request's id, or the correlation id of the event a consumer handles) and, when traced,
 * the trace and span ids.
 */
export function logFields(): Record<string, string> {
  const flow = currentFlow();
  const span = trace.getActiveSpan()?.spanContext();
  return {
    ...(flow && { correlationId: flow.correlationId }),
    ...(flow?.causationId && { causationId: flow.causationId }),
    ...(span && { traceId: span.traceId, spanId: span.spanId }),
  };
}
