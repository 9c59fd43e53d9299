import { tracesExportersOf } from './tracing';

describe('the trace exporters the OTEL_* variables ask for', () => {
  it('is none by default: nothing is traced unless asked', () => {
    expect(tracesExportersOf({})).toEqual([]);
  });

  it('is OTLP when an OTLP endpoint is given and no exporter is named', () => {
    expect(tracesExportersOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual(['otlp']);
    expect(tracesExportersOf({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toEqual([
      'otlp',
    ]);
  });

  it('is what OTEL_TRACES_EXPORTER names, of the exporters the platform has', () => {
    expect(tracesExportersOf({ OTEL_TRACES_EXPORTER: 'otlp' })).toEqual(['otlp']);
    expect(tracesExportersOf({ OTEL_TRACES_EXPORTER: ' OTLP , console' })).toEqual(['otlp', 'console']);
    expect(tracesExportersOf({ OTEL_TRACES_EXPORTER: 'zipkin' })).toEqual([]);
  });

  it('is none when OTEL_TRACES_EXPORTER says none or the SDK is disabled, whatever the endpoint', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(tracesExportersOf({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' })).toEqual([]);
    expect(tracesExportersOf({ ...endpoint, OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' })).toEqual([]);
  });
});
