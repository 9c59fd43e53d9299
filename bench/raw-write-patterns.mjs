// The database's own bound for the tickets bench: the writes of one ticket creation and of one
// command on an existing ticket, sent with the bare driver at concurrency 32 on the same server in
// the same run, with concurrent inserts batched as the service's insert batcher does. A creation
// inserts its event and its ticket_view document; a command reads the ticket's deadlines, inserts
// its event and replaces its ticket_view document (FerretDB 1.24 runs each replace as its own
// query and update, and cannot batch them).
import { randomUUID } from 'node:crypto';
import { round } from './stats.mjs';

const CONCURRENCY = 32;

/** Collects the inserts of one turn of the event loop into one insertMany, like InsertBatcher. */
function insertBatcher(collection) {
  let pending = [];
  return (doc) =>
    new Promise((resolve, reject) => {
      if (pending.length === 0) {
        setImmediate(() => {
          const batch = pending;
          pending = [];
          collection.insertMany(batch.map((item) => item.doc), { ordered: false }).then(
            () => batch.forEach((item) => item.resolve()),
            (error) => batch.forEach((item) => item.reject(error)),
          );
        });
      }
      pending.push({ doc, resolve, reject });
    });
}

const viewDoc = (ticketId, sequence) => ({
  _id: `ticket-${ticketId}`,
  _sequence: sequence,
  ticketId,
  entityId: 'root',
  title: 'Imprimante en panne',
  description: 'Benchmark ticket',
  status: 'new',
  priority: 3,
  actors: { requester: [], observer: [], assignee: [] },
  actorIndex: ['requester:user:bench'],
  openedAt: new Date().toISOString(),
  updatedAt: new Date().toISOString(),
  timeline: [],
});

const eventDoc = (ticketId, sequence) => ({
  _id: randomUUID(),
  streamId: `ticket-${ticketId}`,
  sequence,
  type: 'ticket.followup-added',
  data: { ticketId, content: 'Le bac 2 est vide.' },
  occurredAt: new Date().toISOString(),
});

async function during(seconds, operation) {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        await operation();
        done++;
      }
    }),
  );
  return { done, seconds: (performance.now() - started) / 1000 };
}

/** Creations then commands, turn after turn, on collections of their own in the bench's database. */
export async function rawWritePatterns(db, { seconds, turns }) {
  const events = db.collection('raw_events');
  const views = db.collection('raw_ticket_view');
  const deadlines = db.collection('raw_ticket_deadlines');
  await events.createIndex({ streamId: 1, sequence: 1 }, { unique: true });
  await views.createIndex({ ticketId: 1 }, { unique: true });
  await views.createIndex({ entityId: 1, status: 1, openedAt: -1 });
  await views.createIndex({ actorIndex: 1 });
  const insertEvent = insertBatcher(events);
  const insertView = insertBatcher(views);
  const created = [];
  const sequences = new Map();
  const create = async () => {
    const ticketId = randomUUID();
    await Promise.all([insertEvent(eventDoc(ticketId, 1)), insertView(viewDoc(ticketId, 1))]);
    created.push(ticketId);
  };
  let next = 0;
  const command = async () => {
    const ticketId = created[next++ % created.length];
    const sequence = sequences.get(ticketId) ?? 1;
    sequences.set(ticketId, sequence + 1);
    await deadlines.findOne({ _id: ticketId });
    await insertEvent(eventDoc(ticketId, sequence + 1));
    await views.replaceOne({ _id: `ticket-${ticketId}`, _sequence: sequence }, viewDoc(ticketId, sequence + 1));
  };
  const creations = [];
  const commands = [];
  for (let turn = 0; turn < turns; turn++) {
    creations.push(await during(seconds / turns, create));
    commands.push(await during(seconds / turns, command));
  }
  const rate = (runs) => runs.reduce((sum, run) => sum + run.done, 0) / runs.reduce((sum, run) => sum + run.seconds, 0);
  await Promise.all([events.drop(), views.drop(), deadlines.drop()].map((dropping) => dropping.catch(() => undefined)));
  const createdPerSecond = rate(creations);
  const commandsPerSecond = rate(commands);
  return {
    concurrency: CONCURRENCY,
    createdPerSecond: round(createdPerSecond, 1),
    commandsPerSecond: round(commandsPerSecond, 1),
    commandsPerCreation: round(commandsPerSecond / createdPerSecond, 2),
  };
}
