import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { IHeaders, KafkaMessage } from 'kafkajs';
import { currentFlow } from './flow';
import { rememberOrigin, withinMessage } from './message-origin';
import { activeTraceHeaders } from './trace-context';

const exporter = new InMemorySpanExporter();
new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).register();

const sender = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' };
const message = (headers: IHeaders): KafkaMessage => ({
  key: Buffer.from('ticket-1'),
  value: null,
  offset: '41',
  timestamp: '0',
  attributes: 0,
  headers,
});

describe('the handling of a message', () => {
  beforeEach(() => exporter.reset());

  it('continues the trace it came with, in a consumer span, and runs in its flow', async () => {
    const event = { id: 'event-41' };
    rememberOrigin(event, {
      topic: 'itsm.tickets.events',
      partition: 2,
      groupId: 'sla.tracking',
      message: message({ traceparent: `00-${sender.traceId}-${sender.spanId}-01`, 'event-type': 'ticket.opened' }),
      flow: { correlationId: 'request-7', causationId: 'event-41' },
    });
    const seen = await withinMessage(event, async () => ({
      flow: currentFlow(),
      headers: activeTraceHeaders(),
      span: trace.getActiveSpan()?.spanContext(),
    }));
    expect(seen.flow).toEqual({ correlationId: 'request-7', causationId: 'event-41' });
    expect(seen.span?.traceId).toBe(sender.traceId);
    // what the handler writes carries the consumer span on: the next service continues from it
    expect(seen.headers.traceparent).toBe(`00-${sender.traceId}-${seen.span?.spanId}-01`);
    const [span] = exporter.getFinishedSpans();
    expect(span.name).toBe('itsm.tickets.events process');
    expect(span.parentSpanContext?.spanId).toBe(sender.spanId);
    expect(span.attributes).toMatchObject({
      'messaging.destination.name': 'itsm.tickets.events',
      'messaging.consumer.group.name': 'sla.tracking',
      'itsm.event.type': 'ticket.opened',
    });
  });

  it('starts a trace of its own for a message that came with none', async () => {
    const event = { id: 'event-42' };
    rememberOrigin(event, { topic: 't', partition: 0, groupId: 'g', message: message({}) });
    const traceId = await withinMessage(event, async () => trace.getActiveSpan()?.spanContext().traceId);
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(traceId).not.toBe(sender.traceId);
    expect(exporter.getFinishedSpans()[0].parentSpanContext).toBeUndefined();
  });

  it('records the failure on the span and hands it back to the consumer', async () => {
    const event = { id: 'event-43' };
    rememberOrigin(event, { topic: 't', partition: 0, groupId: 'g', message: message({}) });
    await expect(withinMessage(event, async () => Promise.reject(new Error('Mongo away')))).rejects.toThrow(
      'Mongo away',
    );
    expect(exporter.getFinishedSpans()[0].status).toMatchObject({ code: 2, message: 'Mongo away' });
  });

  it('runs a value no consumer decoded as it is', async () => {
    expect(await withinMessage({ id: 'x' }, async () => currentFlow())).toBeUndefined();
  });
});
