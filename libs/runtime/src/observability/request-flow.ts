import { randomUUID } from 'node:crypto';
import { inSpan, SpanKind, traceContextOf, withinFlow } from '@itsm/messaging';
import { SpanStatusCode, type Span } from '@opentelemetry/api';
import { startTimings, type StepTimings } from '../http/server-timing';
import type { Metrics } from './metrics';

interface FlowRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  id?: string;
  route?: { path?: string };
  baseUrl?: string;
  timings?: StepTimings;
}
interface FlowResponse {
  statusCode: number;
  setHeader(name: string, value: string): void;
  once(event: 'finish' | 'close', listener: () => void): void;
}
type Next = () => void;

/** A request id the caller chose is kept when it is a plain token; anything else gets a new one. */
const REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

export function requestIdOf(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * The route template that answered (`/api/tickets/:id`), never the raw path: bounded label values.
 * No route, or the catch-all that answers 404 (`{/*splat}`), is `unmatched`.
 */
export function routeOf(request: Pick<FlowRequest, 'route' | 'baseUrl'>): string {
  const path = request.route?.path;
  if (typeof path !== 'string' || path.includes('*')) return 'unmatched';
  return `${request.baseUrl ?? ''}${path}`;
}

/**
 * The first middleware: names the request (X-Request-Id, kept or made, sent back; pino-http logs it
 * as `req.id`), starts its Server-Timing clock and times it into `itsm_http_request_duration_seconds` by route template and status.
 */
export function requestTimer(metrics: Metrics) {
  return (request: FlowRequest, response: FlowResponse, next: Next): void => {
    startTimings(request);
    request.id = requestIdOf(request.headers['x-request-id']);
    response.setHeader('X-Request-Id', request.id);
    const done = metrics.httpRequests.startTimer({ method: request.method });
    response.once('finish', () => done({ route: routeOf(request), status: String(response.statusCode) }));
    next();
  };
}

/**
 * After the body parser (its stream events would lose the context): the rest of the request runs
 * in its flow (the request id is the correlation id of the events it causes, and of its log
 * lines) and in a server span, child of the caller's `traceparent` when it sent one.
 */
export function requestFlow() {
  return (request: FlowRequest, response: FlowResponse, next: Next): void => {
    const correlationId = request.id ?? requestIdOf(undefined);
    withinFlow({ correlationId }, () => {
      void inSpan(
        `${request.method}`,
        {
          kind: SpanKind.SERVER,
          parent: traceContextOf(request.headers),
          attributes: { 'http.request.method': request.method, 'itsm.request_id': correlationId },
        },
        (span) => untilAnswered(span, request, response, next),
      );
    });
  };
}

function untilAnswered(span: Span, request: FlowRequest, response: FlowResponse, next: Next): Promise<void> {
  return new Promise((resolve) => {
    const end = () => {
      const route = routeOf(request);
      span.updateName(`${request.method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': response.statusCode });
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      resolve();
    };
    response.once('finish', end);
    response.once('close', end);
    next();
  });
}
