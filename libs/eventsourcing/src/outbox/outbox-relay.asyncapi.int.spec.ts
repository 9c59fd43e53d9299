import fs from 'node:fs';
import path from 'node:path';
import { topicFor } from '@itsm/contracts';
import { ensureTopics } from '@itsm/messaging';
import { asyncApiConformance, readMessages, useIsolatedStack, type AsyncApiDocument } from '@itsm/testing';
import { trace } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { parse } from 'yaml';
import { kernelHarness, testMetadata } from '../test-support/kernel-harness';
import { OutboxLease } from './outbox-lease';
import { OutboxRelay } from './outbox-relay';

// The checked-in document, as consumers read it: what is tested is the document, not the catalogue.
const asyncApiFile = path.resolve(__dirname, '../../../../docs/asyncapi.yaml');
const document = parse(fs.readFileSync(asyncApiFile, 'utf8')) as AsyncApiDocument;

const stack = useIsolatedStack();
const ticketId = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const streamId = `ticket-${ticketId}`;
const events = [
  { type: 'ticket.status-changed', data: { ticketId, from: 'new', to: 'assigned', reason: 'assigned' } },
  { type: 'ticket.actor-added', data: { ticketId, role: 'assignee', actor: { kind: 'user', id: 'tech' } } },
];

describe('the messages the outbox relay publishes', () => {
  it('have the key, headers and value that the AsyncAPI document describes for their channel', async () => {
    const kernel = await kernelHarness(stack);
    stack.onTeardown(() => kernel.close());
    const topic = topicFor('tickets', stack.topicPrefix);
    await ensureTopics(kernel.kafka, [topic]);
    const lease = new OutboxLease(kernel.connection, 'outbox', 'relay', 1_000);
    const newProducer = kernel.relayProducers(`${topic}.outbox`);
    const relay = new OutboxRelay({ store: kernel.store, newProducer, lease, topic });

    // as a traced command writes them: the commit keeps the trace context, its messages carry it
    new NodeTracerProvider().register();
    const traceId = await trace.getTracer('test').startActiveSpan('command', async (span) => {
      await kernel.store.append(streamId, 0, events, testMetadata);
      span.end();
      return span.spanContext().traceId;
    });
    expect(await relay.publishOnce()).toBe(1);
    const messages = await readMessages(kernel.kafka, topic, events.length);
    expect(messages.map((message) => String(message.headers.traceparent).split('-')[1])).toEqual([traceId, traceId]);

    expect(topic).toBe(`${stack.topicPrefix}${document.channels.tickets.address}`);
    expect(messages.map((message) => message.value)).toMatchObject(events);
    const conformance = asyncApiConformance(document);
    expect(messages.flatMap((message) => conformance.violations('tickets', message))).toEqual([]);
    // what the document says in words: the key is the envelope's streamId
    expect(messages.map((message) => message.key)).toEqual([streamId, streamId]);
  });
});
