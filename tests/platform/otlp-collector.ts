import { startWebhookSink } from '@itsm/testing';

/** A span as a service exported it over OTLP/HTTP (JSON), with the service that made it. */
export interface CollectedSpan {
  service: string;
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Record<string, unknown>;
}

interface OtlpTraces {
  resourceSpans?: Array<{
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: Array<{
      spans?: Array<{
        name: string;
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        attributes?: OtlpAttribute[];
      }>;
    }>;
  }>;
}
interface OtlpAttribute {
  key: string;
  value: Record<string, unknown>;
}

/**
 * A local OTLP/HTTP traces endpoint, as an OpenTelemetry collector would be: services started
 * with `OTEL_EXPORTER_OTLP_ENDPOINT=<url>` send it their spans (`/v1/traces`, JSON).
 */
export async function startOtlpCollector() {
  const sink = await startWebhookSink(() => 200);
  const spans = (): CollectedSpan[] =>
    sink.requests
      .filter((request) => request.path === '/v1/traces')
      .flatMap((request) => (JSON.parse(request.rawBody) as OtlpTraces).resourceSpans ?? [])
      .flatMap((resource) => {
        const service = String(valuesOf(resource.resource?.attributes)['service.name']);
        return (resource.scopeSpans ?? []).flatMap((scope) =>
          (scope.spans ?? []).map(({ name, traceId, spanId, parentSpanId, attributes }) => ({
            service,
            name,
            traceId,
            spanId,
            ...(parentSpanId && { parentSpanId }),
            attributes: valuesOf(attributes),
          })),
        );
      });
  return { url: sink.url.replace(/\/webhook$/, ''), spans, close: () => sink.close() };
}

function valuesOf(attributes: OtlpAttribute[] = []): Record<string, unknown> {
  return Object.fromEntries(attributes.map(({ key, value }) => [key, Object.values(value)[0]]));
}
