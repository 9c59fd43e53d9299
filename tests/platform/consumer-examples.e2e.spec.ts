import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { topicFor, type EventEnvelope } from '@itsm/contracts';
import { createTransactionalProducer, ensureTopics, eventMessage } from '@itsm/messaging';
import { asyncApiConformance, type AsyncApiDocument, stackKafka, useIsolatedStack } from '@itsm/testing';
import { v7 as uuidv7 } from 'uuid';
import { parse } from 'yaml';

// The two consumer examples of docs/consumers.md, run as a reporting team would, against the real
// Kafka: a known ticket history (valid against docs/asyncapi.yaml, published in transactions like
// the outbox relay's, one event delivered twice) and the answer to "tickets solved per category"
// in October 2026, computed by hand below.
const root = path.resolve(__dirname, '../..');
const execute = promisify(execFile);
const stack = useIsolatedStack();
const entityId = '0190a1b2-0000-7000-8000-000000000001';
const month = '2026-10';
const expected = {
  month,
  solvedPerCategory: [
    { category: '(no category)', tickets: 1 },
    { category: 'Imprimantes', tickets: 1 },
    { category: 'Messagerie', tickets: 1 },
    { category: 'Réseau', tickets: 2 },
  ],
};

const categories = { network: uuidv7(), printers: uuidv7(), mail: uuidv7() };

/** Each stream's events in order, with the instant each happened. */
function history(): [string, [string, string, Record<string, unknown>][]][] {
  const category = (id: string, name: string): [string, [string, string, Record<string, unknown>][]] => [
    `category-${id}`,
    [
      [
        '2026-09-01T08:00:00.000Z',
        'category.created',
        { categoryId: id, name, parentId: null, entityId, recursive: true, forIncidents: true, forRequests: true },
      ],
    ],
  ];
  const ticket = (openedAt: string, categoryId: string | null, later: [string, string, Record<string, unknown>][]) => {
    const ticketId = uuidv7();
    const opened: [string, string, Record<string, unknown>] = [
      openedAt,
      'ticket.opened',
      opening(ticketId, categoryId, openedAt),
    ];
    return [`ticket-${ticketId}`, [opened, ...later.map(([at, type, data]) => [at, type, { ticketId, ...data }])]] as [
      string,
      [string, string, Record<string, unknown>][],
    ];
  };
  const status = (at: string, from: string, to: string, reason: string): [string, string, Record<string, unknown>] => [
    at,
    'ticket.status-changed',
    { from, to, reason },
  ];
  return [
    category(categories.network, 'Réseau'),
    category(categories.printers, 'Imprimantes'),
    category(categories.mail, 'Messagerie'),
    // solved in October: counts for Réseau
    ticket('2026-09-28T09:00:00.000Z', categories.network, [
      status('2026-10-03T10:00:00.000Z', 'new', 'solved', 'solved'),
    ]),
    // solved then closed in October: counts once, for Imprimantes
    ticket('2026-10-01T09:00:00.000Z', categories.printers, [
      status('2026-10-10T10:00:00.000Z', 'new', 'solved', 'solved'),
      status('2026-10-17T10:00:00.000Z', 'solved', 'closed', 'closed'),
      ['2026-10-17T10:00:01.000Z', 'ticket.followup-added', followUp()],
    ]),
    // solved in October, reopened, solved again in November: not October's
    ticket('2026-10-02T09:00:00.000Z', categories.network, [
      status('2026-10-12T10:00:00.000Z', 'new', 'solved', 'solved'),
      status('2026-10-13T10:00:00.000Z', 'solved', 'assigned', 'reopened'),
      status('2026-11-02T10:00:00.000Z', 'assigned', 'solved', 'solved'),
    ]),
    // reclassified from Imprimantes to Réseau before its solution: counts for Réseau
    ticket('2026-09-30T09:00:00.000Z', categories.printers, [
      ['2026-10-01T09:00:00.000Z', 'ticket.reclassified', { ...classification(categories.network) }],
      status('2026-10-20T10:00:00.000Z', 'new', 'solved', 'solved'),
    ]),
    // solved at the end of September: not October's
    ticket('2026-09-20T09:00:00.000Z', categories.mail, [
      status('2026-09-30T23:59:59.000Z', 'new', 'solved', 'solved'),
    ]),
    // no category
    ticket('2026-10-04T09:00:00.000Z', null, [status('2026-10-05T10:00:00.000Z', 'new', 'solved', 'solved')]),
    // closed without a solution (GLPI allows it): the closing date counts
    ticket('2026-10-06T09:00:00.000Z', categories.mail, [
      status('2026-10-07T10:00:00.000Z', 'new', 'assigned', 'assigned'),
      status('2026-10-25T10:00:00.000Z', 'assigned', 'closed', 'closed'),
    ]),
  ];
}

function classification(categoryId: string | null) {
  return { type: 'incident', categoryId, urgency: 3, impact: 3, priority: 3, priorityOverridden: false };
}

function opening(ticketId: string, categoryId: string | null, openedAt: string) {
  return {
    ticketId,
    entityId,
    title: 'Imprimante du 2e étage',
    description: 'Bourrage papier',
    ...classification(categoryId),
    source: 'helpdesk',
    location: null,
    items: [],
    requesters: [{ kind: 'user', id: uuidv7() }],
    observers: [],
    assignees: [],
    recipientId: uuidv7(),
    openedAt,
  };
}

function followUp() {
  return { followupId: uuidv7(), content: 'Rouleau changé', private: false, authorId: uuidv7() };
}

function envelopes(): EventEnvelope[] {
  return history().flatMap(([streamId, events]) =>
    events.map(([occurredAt, type, data], index) => ({
      id: uuidv7(),
      type,
      schemaVersion: type === 'ticket.opened' ? 2 : 1,
      streamId,
      sequence: index + 1,
      entityId,
      occurredAt,
      actor: { kind: 'system' as const, id: 'consumer-examples' },
      correlationId: randomUUID(),
      causationId: randomUUID(),
      data,
    })),
  );
}

let sent: EventEnvelope[];
let python: string;
let workDir: string;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'consumer-examples-'));
  python = (await execute(process.execPath, [path.join(root, 'infra/local/python-venv.mjs')])).stdout.trim();
  const kafka = stackKafka(stack);
  const topic = topicFor('tickets', stack.topicPrefix);
  await ensureTopics(kafka, [topic]);
  const producer = createTransactionalProducer(kafka, `${stack.topicPrefix}consumer-examples`);
  await producer.connect();
  sent = envelopes();
  const publish = async (batch: EventEnvelope[]) => {
    const transaction = await producer.transaction();
    await transaction.send({ topic, acks: -1, messages: batch.map(eventMessage) });
    await transaction.commit();
  };
  await publish(sent);
  // at least once: the first solution is delivered again, as after a relay's retry
  await publish([sent.find((event) => event.type === 'ticket.status-changed')!]);
  await producer.disconnect();
}, 300_000);

afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

async function answerOf(command: string, script: string, group: string) {
  const { stdout } = await execute(command, [
    path.join(root, 'examples/tickets-by-category', script),
    '--brokers',
    stack.kafkaBrokers,
    '--topic-prefix',
    stack.topicPrefix,
    '--database',
    path.join(workDir, `${group}.sqlite`),
    '--group',
    `${stack.topicPrefix}${group}`,
    '--month',
    month,
  ]);
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

describe('the consumer examples of docs/consumers.md', () => {
  it('are fed a history that matches the AsyncAPI document', () => {
    const document = parse(fs.readFileSync(path.join(root, 'docs/asyncapi.yaml'), 'utf8')) as AsyncApiDocument;
    const conformance = asyncApiConformance(document);
    const violations = sent.flatMap((event) => {
      const message = eventMessage(event);
      return conformance.violations('tickets', { key: message.key, headers: message.headers, value: event });
    });
    expect(violations).toEqual([]);
  });

  it('answer tickets solved per category last month: TypeScript (kafkajs, SQLite)', async () => {
    expect(await answerOf(process.execPath, 'typescript/consumer.ts', 'ts')).toEqual(expected);
    // a second run reads nothing new and answers the same from its store
    expect(await answerOf(process.execPath, 'typescript/consumer.ts', 'ts')).toEqual(expected);
  });

  it('answer tickets solved per category last month: Python (confluent-kafka, SQLite)', async () => {
    expect(await answerOf(python, 'python/consumer.py', 'py')).toEqual(expected);
  });
});
