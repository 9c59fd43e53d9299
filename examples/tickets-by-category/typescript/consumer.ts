// Loads the platform's ticket events into SQLite and answers "tickets solved per category last
// month". A reporting team's starting point: read docs/consumers.md first.
//
//   node examples/tickets-by-category/typescript/consumer.ts \
//     [--brokers 127.0.0.1:19092] [--topic-prefix ''] [--database tickets.sqlite] \
//     [--group examples.tickets-by-category] [--month YYYY-MM (default: last month, UTC)] [--follow]
//
// Node 24 runs this file as it is (type stripping); kafkajs is the only dependency, SQLite is
// node:sqlite. Without --follow it stops once it has read every event published before it
// started, prints the answer as JSON and exits; with --follow it keeps loading.
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { Kafka, logLevel, type EachBatchPayload } from 'kafkajs';

interface Envelope {
  id: string;
  type: string;
  schemaVersion: number;
  streamId: string;
  sequence: number;
  occurredAt: string;
  data: Record<string, unknown>;
}

// The newest schema version of each event this consumer reads. A newer version is an
// incompatible change (docs/consumers.md): stop rather than load it wrongly.
const KNOWN_VERSIONS: Record<string, number> = {
  'ticket.opened': 2,
  'ticket.reclassified': 1,
  'ticket.status-changed': 1,
  'category.created': 1,
};

const { values: options } = parseArgs({
  options: {
    brokers: { type: 'string', default: '127.0.0.1:19092' },
    'topic-prefix': { type: 'string', default: '' },
    database: { type: 'string', default: 'tickets.sqlite' },
    group: { type: 'string', default: 'examples.tickets-by-category' },
    month: { type: 'string', default: lastMonth() },
    follow: { type: 'boolean', default: false },
  },
});

function lastMonth(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

const db = new DatabaseSync(options.database);
db.exec(`
  CREATE TABLE IF NOT EXISTS applied_events (id TEXT PRIMARY KEY);
  CREATE TABLE IF NOT EXISTS categories (category_id TEXT PRIMARY KEY, name TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS tickets (
    ticket_id TEXT PRIMARY KEY, category_id TEXT, status TEXT NOT NULL, solved_at TEXT
  );
`);
const statements = {
  alreadyApplied: db.prepare('SELECT 1 FROM applied_events WHERE id = ?'),
  markApplied: db.prepare('INSERT INTO applied_events (id) VALUES (?)'),
  category: db.prepare('INSERT OR REPLACE INTO categories (category_id, name) VALUES (?, ?)'),
  // ticket.opened and ticket.reclassified both carry the category
  setCategory: db.prepare(
    `INSERT INTO tickets (ticket_id, category_id, status) VALUES (?, ?, 'new')
     ON CONFLICT (ticket_id) DO UPDATE SET category_id = excluded.category_id`,
  ),
  // solved: the date of its last solution; closed without a solution (GLPI allows it): the
  // closing date; any other status (reopened, solution refused): not solved
  statusChanged: db.prepare(
    `INSERT INTO tickets (ticket_id, status, solved_at) VALUES (:id, :to, CASE WHEN :to IN ('solved', 'closed') THEN :at END)
     ON CONFLICT (ticket_id) DO UPDATE SET status = :to, solved_at = CASE
       WHEN :to = 'solved' THEN :at
       WHEN :to = 'closed' THEN coalesce(tickets.solved_at, :at)
     END`,
  ),
  solvedPerCategory: db.prepare(
    `SELECT coalesce(c.name, '(no category)') AS category, count(*) AS tickets
     FROM tickets t LEFT JOIN categories c ON c.category_id = t.category_id
     WHERE t.solved_at >= ? AND t.solved_at < ?
     GROUP BY 1 ORDER BY 1`,
  ),
};

/** Applies one event once: a redelivered event (same id) changes nothing. */
function apply(event: Envelope): void {
  const known = KNOWN_VERSIONS[event.type];
  if (known === undefined || statements.alreadyApplied.get(event.id)) return;
  if (event.schemaVersion > known) {
    throw new Error(`${event.type} v${event.schemaVersion} is newer than this consumer knows (v${known})`);
  }
  const data = event.data;
  switch (event.type) {
    case 'category.created':
      statements.category.run(data.categoryId as string, data.name as string);
      break;
    case 'ticket.opened':
    case 'ticket.reclassified':
      statements.setCategory.run(data.ticketId as string, (data.categoryId as string | null) ?? null);
      break;
    case 'ticket.status-changed':
      statements.statusChanged.run({ id: data.ticketId as string, to: data.to as string, at: event.occurredAt });
      break;
  }
  statements.markApplied.run(event.id);
}

function answer(month: string) {
  const start = new Date(`${month}-01T00:00:00.000Z`);
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  const rows = statements.solvedPerCategory.all(start.toISOString(), end.toISOString());
  return { month, solvedPerCategory: rows.map((row) => ({ category: row.category, tickets: Number(row.tickets) })) };
}

async function main(): Promise<void> {
  const kafka = new Kafka({
    clientId: 'tickets-by-category',
    brokers: options.brokers.split(','),
    logLevel: logLevel.ERROR,
  });
  const topic = `${options['topic-prefix']}itsm.tickets.events`;
  const pending = await partitionsBehind(kafka, topic, options.group);
  // kafkajs reads committed transactions only (isolation read_committed), as the platform needs
  const consumer = kafka.consumer({ groupId: options.group });
  let caughtUp!: () => void;
  const done = new Promise<void>((resolve) => (caughtUp = resolve));
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    // offsetLag counts from the last record read, transaction markers included
    if (payload.topic === topic && BigInt(payload.offsetLag) <= 0n) pending.delete(payload.partition);
    if (pending.size === 0) caughtUp();
  });
  if (pending.size === 0) caughtUp();
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch, resolveOffset, heartbeat }: EachBatchPayload) => {
      // one SQLite transaction per batch; offsets are committed after it (at least once)
      db.exec('BEGIN');
      try {
        for (const message of batch.messages) apply(JSON.parse(message.value!.toString()) as Envelope);
        db.exec('COMMIT');
      } catch (error) {
        // nothing of the batch was stored nor committed: fix the cause, restart, it is read again
        db.exec('ROLLBACK');
        console.error(`tickets-by-category: ${(error as Error).message}`);
        process.exit(1);
      }
      for (const message of batch.messages) resolveOffset(message.offset);
      await heartbeat();
    },
  });
  await done;
  console.log(JSON.stringify(answer(options.month)));
  if (!options.follow) {
    await consumer.disconnect();
    db.close();
  }
}

/** The partitions whose end, when we start, lies beyond what the group has already read. */
async function partitionsBehind(kafka: Kafka, topic: string, groupId: string): Promise<Set<number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const read = new Map(committed.partitions.map(({ partition, offset }) => [partition, BigInt(offset)]));
    return new Set(
      ends
        .filter(
          ({ partition, high, low }) =>
            BigInt(high) > [BigInt(low), read.get(partition) ?? -1n].reduce((a, b) => (a > b ? a : b)),
        )
        .map(({ partition }) => partition),
    );
  } finally {
    await admin.disconnect();
  }
}

main().catch((error: Error) => {
  console.error(`tickets-by-category: ${error.message}`);
  process.exit(1);
});
