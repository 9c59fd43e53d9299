import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ConsoleSpanExporter, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** The standard OTEL_* variables read here (the exporter reads its own: endpoint, headers, timeout). */
type OtelEnv = Record<string, string | undefined>;

/**
 * The exporters the standard OTEL_* variables ask for. Off unless asked (the SDK's own default is
 * `otlp`; a service nobody collects from would only fill its log with refused exports): an
 * `OTEL_TRACES_EXPORTER` of `otlp` or `console`, or an OTLP endpoint with no exporter named.
 */
export function tracesExportersOf(env: OtelEnv): Array<'otlp' | 'console'> {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return [];
  const named = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (named.length === 0) {
    return env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? ['otlp'] : [];
  }
  if (named.includes('none')) return [];
  return [...new Set(named.filter((name): name is 'otlp' | 'console' => name === 'otlp' || name === 'console'))];
}

let provider: NodeTracerProvider | undefined;
let decided = false;

/**
 * Starts tracing for the process, once, when the environment asks for it: a tracer provider with
 * the W3C trace context propagator and an AsyncLocalStorage context, its spans batched to the
 * exporters (OTLP over HTTP: OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_HEADERS...). Off, the
 * OpenTelemetry API stays a no-op: no span, no header, no context kept.
 */
export function startTracing(service: string, env: OtelEnv = process.env): void {
  if (decided) return;
  decided = true;
  const exporters = tracesExportersOf(env);
  if (exporters.length === 0) return;
  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || service }))
    .merge(detectResources({ detectors: [envDetector] }));
  provider = new NodeTracerProvider({
    resource,
    spanProcessors: exporters.map((name) => new BatchSpanProcessor(exporterNamed(name))),
  });
  provider.register();
}

function exporterNamed(name: 'otlp' | 'console'): SpanExporter {
  return name === 'otlp' ? new OTLPTraceExporter() : new ConsoleSpanExporter();
}

/** Sends the spans still batched (an application closing); the provider stays for other applications of the process. */
export async function flushTraces(): Promise<void> {
  await provider?.forceFlush().catch(() => undefined);
}
