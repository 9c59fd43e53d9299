import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';

/** The W3C trace context headers (`traceparent`, `tracestate`) as a carrier keeps them. */
export type TraceHeaders = Record<string, string>;

/**
 * The platform's spans, whichever service makes them: the tracer provider names the service. Got
 * once: the API's proxy tracer delegates to the provider registered later (or to none: a no-op).
 */
const itsmTracer = trace.getTracer('itsm');
export const tracer = () => itsmTracer;

/**
 * The active trace context as W3C headers, to store with a commit or send with a message; empty
 * when tracing is off (no propagator registered) or nothing is being traced.
 */
export function activeTraceHeaders(): TraceHeaders {
  const carrier: TraceHeaders = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** The trace context a message or request came with (a root context when it came with none). */
export function traceContextOf(headers: Record<string, unknown> | undefined): Context {
  if (!headers?.traceparent) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, headers, {
    keys: (carrier) => Object.keys(carrier),
    get: (carrier, key) => {
      const value = carrier[key];
      const first = Array.isArray(value) ? value[0] : value;
      return first === undefined || first === null ? undefined : String(first);
    },
  });
}

/**
 * Runs `work` in a span, child of `parent` (a remote context or the active one), and ends it with
 * the outcome. With tracing off the API's no-op tracer makes this cost a function call.
 */
export function inSpan<T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Attributes; parent?: Context },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parent ?? context.active();
  return tracer().startActiveSpan(
    name,
    { kind: options.kind, attributes: options.attributes },
    parent,
    async (span) => {
      try {
        return await work(span);
      } catch (error) {
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message ?? String(error) });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

export { SpanKind };
