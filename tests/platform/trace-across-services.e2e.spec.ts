import { topicFor } from '@itsm/contracts';
import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import { jsonApi } from '@itsm/runtime';
import { eventually, readMessages, stackKafka, type TopicMessage, useIsolatedStack } from '@itsm/testing';
import { startOtlpCollector, type CollectedSpan } from './otlp-collector';
import { ok, untilKnown } from './platform-api';
import { startService, type ServiceProcess } from './service-process';

// Tickets and sla as built, each its own process, exporting their spans over OTLP to a collector
// played by the test, as the standard OTEL_* variables ask: a ticket opened over HTTP on tickets
// and the `sla.attached` that sla writes for it are one trace, and one correlation (the request id).
const stack = useIsolatedStack();
const kafka = stackKafka(stack);
let collector: Awaited<ReturnType<typeof startOtlpCollector>>;
let tickets: ServiceProcess;
let sla: ServiceProcess;
let admin: FixtureUser, tech: FixtureUser, requester: FixtureUser;

beforeAll(async () => {
  collector = await startOtlpCollector();
  stack.onTeardown(() => collector.close());
  const identity = new IdentityFixture(stack);
  await identity.connect();
  await identity.entity('root', 'Entité racine', null);
  admin = await identity.user('glpi', 'super-admin');
  tech = await identity.user('tech', 'technician');
  requester = await identity.user('S1', 'self-service', { lastName: 'BLIER', firstName: 'Bertrand' });
  const traced = {
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
    OTEL_BSP_SCHEDULE_DELAY: '200',
  };
  [tickets, sla] = await Promise.all([
    startService(stack, 'tickets', { ...traced, OTEL_SERVICE_NAME: 'tickets' }),
    startService(stack, 'sla', { ...traced, OTEL_SERVICE_NAME: 'sla' }),
  ]);
}, 120_000);

/** The first message of the topic that `matches`, read from the beginning. */
async function messageOn(topic: string, matches: (message: TopicMessage) => boolean): Promise<TopicMessage> {
  const messages = await readMessages(kafka, topic, (received) => received.some(matches));
  return messages.find(matches)!;
}

const traceIdOf = (traceparent: unknown) => String(traceparent).split('-')[1];

it('follows a ticket opened over HTTP to the sla.attached of sla: one trace across both services, one correlation id', async () => {
  const asAdmin = (url: string) => jsonApi(url, admin.token);
  const category = await ok(asAdmin(tickets.url).post('/api/itil-categories', { name: 'Panne matérielle' }));
  const tto = await untilKnown(() =>
    asAdmin(sla.url).post('/api/slas', {
      name: 'TTO 4 h',
      agreement: 'sla',
      kind: 'tto',
      duration: 4,
      unit: 'hours',
      levels: [{ name: 'Dépassement', offsetMinutes: 0, actions: [] }],
    }),
  );
  await ok(
    asAdmin(sla.url).post('/api/sla-rules', {
      name: 'Panne matérielle',
      criteria: { categoryIds: [category.categoryId] },
      slaIds: [tto.slaId],
    }),
  );

  const requestId = `trace-proof-${Date.now()}`;
  const opened = await untilKnown(() =>
    jsonApi(tickets.url, tech.token).post(
      '/api/tickets',
      {
        title: 'Imprimante bloquée',
        description: 'Ne répond plus.',
        categoryId: category.categoryId,
        urgency: 2,
        impact: 2,
        requesters: [requester.ref],
      },
      { 'x-request-id': requestId },
    ),
  );
  const attached = await messageOn(
    topicFor('sla', stack.topicPrefix),
    (message) =>
      message.headers['event-type'] === 'sla.attached' &&
      (message.value as { data: { ticketId: string } }).data.ticketId === opened.ticketId,
  );
  const created = await messageOn(topicFor('tickets', stack.topicPrefix), (message) =>
    (message.value as { streamId: string }).streamId.endsWith(opened.ticketId),
  );

  // the correlation: the request id, on the ticket's event and on the event sla wrote for it
  expect((created.value as { correlationId: string }).correlationId).toBe(requestId);
  expect((attached.value as { correlationId: string }).correlationId).toBe(requestId);
  expect((attached.value as { causationId: string }).causationId).toBe((created.value as { id: string }).id);

  // the trace: W3C headers on both messages, one trace id
  const traceId = traceIdOf(created.headers.traceparent);
  expect(traceId).toMatch(/^[0-9a-f]{32}$/);
  expect(traceIdOf(attached.headers.traceparent)).toBe(traceId);

  // and the spans both services exported under that trace: tickets' request and command, sla's consumer and command
  let spans: CollectedSpan[] = [];
  const spanOf = (service: string, name: string | RegExp) =>
    spans.find((span) => span.service === service && span.traceId === traceId && new RegExp(name).test(span.name));
  await eventually(
    async () => {
      spans = collector.spans();
      // each service exports its spans in batches as they end: the consumer's, around the command, ends last
      return [
        spanOf('tickets', '^POST /api/tickets$'),
        spanOf('tickets', /^command /),
        spanOf('sla', /\.events process$/),
        spanOf('sla', /^command /),
      ].every(Boolean);
    },
    30_000,
    'the spans of both services',
  );
  const request = spanOf('tickets', '^POST /api/tickets$')!;
  const command = spanOf('tickets', /^command /)!;
  const consumed = spanOf('sla', /\.events process$/)!;
  const attach = spanOf('sla', /^command /)!;
  expect(request.parentSpanId).toBeUndefined();
  expect(request.attributes['itsm.request_id']).toBe(requestId);
  expect(command.parentSpanId).toBe(request.spanId);
  expect(consumed.parentSpanId).toBe(command.spanId);
  expect(consumed.attributes['itsm.event.type']).toBe('ticket.opened');
  expect(attach.parentSpanId).toBe(consumed.spanId);
  expect(traceIdOf(attached.headers.traceparent)).toBe(attach.traceId);

  if (process.env.SHOW_TRACE) {
    const ours = spans.filter((span) => span.traceId === traceId);
    process.stdout.write(
      `trace ${traceId}\n${ours.map((s) => `  ${s.service.padEnd(8)} ${s.spanId} <- ${s.parentSpanId ?? 'root'.padEnd(16)} ${s.name}`).join('\n')}\n` +
        `sla.attached headers: ${JSON.stringify(attached.headers)}\n`,
    );
  }
});

it('serves each service’s /metrics: tickets’ requests and consumers, sla’s queues', async () => {
  const scrape = async (service: ServiceProcess) => (await fetch(`${service.url}/metrics`)).text();
  const ticketsMetrics = await scrape(tickets);
  expect(ticketsMetrics).toMatch(
    /itsm_http_request_duration_seconds_count\{[^}]*method="POST",route="\/api\/tickets",status="201"\} 1/,
  );
  expect(ticketsMetrics).toMatch(/itsm_commands_total\{command="open-ticket",outcome="ok"[^}]*\} 1/);
  expect(ticketsMetrics).toMatch(/itsm_projection_apply_duration_seconds_count\{[^}]*projection="[^"]+"/);
  await eventually(
    async () => /itsm_queue_jobs\{[^}]*queue="sla-level-timers",state="delayed"[^}]*\} [1-9]/.test(await scrape(sla)),
    15_000,
    'the delayed SLA timer',
  );
  await eventually(async () => /itsm_consumer_lag\{/.test(await scrape(sla)), 30_000, 'the consumer lag of sla');
  if (process.env.SHOW_TRACE) process.stdout.write(`--- tickets\n${ticketsMetrics}\n--- sla\n${await scrape(sla)}\n`);
});
