import { eventually, useIsolatedStack } from '@itsm/testing';
import { MongoClient } from 'mongodb';
import { startIdentity, type Api, type IdentityUnderTest } from './test-support/identity-test-app';

// What an operator sees of a service without a token: /metrics as Prometheus scrapes it; and how a
// request is followed: its X-Request-Id is the correlation id of the events it causes.
const stack = useIsolatedStack();
let identity: IdentityUnderTest;
let glpi: Api;

beforeAll(async () => {
  identity = await startIdentity(stack);
  glpi = identity.api((await identity.login('glpi')).accessToken);
});

const scrape = async () => {
  const response = await fetch(`${identity.url}/metrics`);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
};

/** The sample lines of a metric whose labels include all of `labels`. */
const samples = (text: string, name: string, labels: Record<string, string> = {}) =>
  text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`))
    .filter((line) => Object.entries(labels).every(([label, value]) => line.includes(`${label}="${value}"`)));

it('keeps the caller’s X-Request-Id, sends it back and makes it the correlation id of the events it causes', async () => {
  const requestId = `observability-${Date.now()}`;
  const response = await fetch(`${identity.url}/api/entities`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${(await identity.login('glpi')).accessToken}`,
      'content-type': 'application/json',
      'x-request-id': requestId,
    },
    body: JSON.stringify({ name: 'Observée', parentId: 'root' }),
  });
  expect(response.status).toBe(201);
  expect(response.headers.get('x-request-id')).toBe(requestId);
  const { entityId } = (await response.json()) as { entityId: string };

  const client = await MongoClient.connect(stack.mongoUrl);
  try {
    const commit = await client
      .db(stack.dbName)
      .collection<{ events: Array<{ correlationId: string }> }>('events')
      .findOne({ streamId: `entity-${entityId}` });
    expect(commit?.events.map((event) => event.correlationId)).toEqual([requestId]);
  } finally {
    await client.close();
  }
});

it('makes up a request id when the caller sent none, or one unfit for a log line', async () => {
  const unfit = await fetch(`${identity.url}/health/live`, { headers: { 'x-request-id': 'a b\tc' } });
  expect(unfit.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
});

it('serves /metrics without a token: requests by route template, commands, appends, outbox and consumer lag', async () => {
  expect((await glpi.post('/api/entities', { name: 'Mesurée', parentId: 'root' })).status).toBe(201);
  expect((await glpi.get('/api/entities/unknown-entity')).status).toBe(404);
  expect((await glpi.get('/api/nowhere')).status).toBe(404);

  const { status, type, text } = await scrape();
  expect(status).toBe(200);
  expect(type).toContain('text/plain');
  const http = 'itsm_http_request_duration_seconds_count';
  expect(samples(text, http, { method: 'POST', route: '/api/entities', status: '201' })).toHaveLength(1);
  expect(samples(text, http, { route: '/api/entities/:id', status: '404' })).toHaveLength(1);
  expect(samples(text, http, { route: 'unmatched', status: '404' })).toHaveLength(1);
  expect(samples(text, 'itsm_commands_total', { outcome: 'ok' }).length).toBeGreaterThan(0);
  expect(samples(text, 'itsm_event_store_append_duration_seconds_count', { outcome: 'ok' })).toHaveLength(1);
  expect(samples(text, 'itsm_outbox_pending_commits', { state: 'pending' })).toHaveLength(1);
  expect(samples(text, 'itsm_outbox_oldest_pending_age_seconds')).toHaveLength(1);
  expect(samples(text, 'process_cpu_seconds_total')).toHaveLength(1);
  expect(text).toContain(`service="${identity.env.SERVICE_NAME}"`);
  // the groups commit once they have consumed: lag is read from the broker, at most every 10 s
  await eventually(
    async () => samples((await scrape()).text, 'itsm_consumer_lag').length > 0,
    30_000,
    'the consumer lag',
  );
});
