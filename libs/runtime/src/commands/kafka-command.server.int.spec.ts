import { deadLetterTopicFor, upcasterRegistry, type CommandResult } from '@itsm/contracts';
import { DomainError, type Decider } from '@itsm/domain';
import { MongoEventStore } from '@itsm/eventsourcing';
import { acceptedData, CommandSender, readTopic, stackKafka, useIsolatedStack } from '@itsm/testing';
import { Logger } from '@nestjs/common';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import mongoose, { type Connection } from 'mongoose';
import { CommandResultStore, type CommandResults } from './command-result.store';
import { KafkaCommandServer } from './kafka-command.server';
import { EventSourcedCommands } from '../event-sourcing/event-sourced-commands';
import { ProjectionRegistry } from '../event-sourcing/projection-registry';
import { newId } from '../idempotency/idempotent-request';
import { Metrics } from '../observability/metrics';

// The server alone, with a handler that fails as dependencies do: a command waits for a dependency
// as long as it is down, and only an unexplained failure, retried a few times, is dead-lettered.
// Those retries and dead letters, expected here, would print pages through Nest's console logger.
Logger.overrideLogger(false);
const stack = useIsolatedStack();
// traced, as a service is with OTEL_TRACES_EXPORTER set (its spans go nowhere here)
new NodeTracerProvider().register();
const kafka = stackKafka(stack);
let sender: CommandSender;
let failures: unknown[] = [];
let calls = 0;
let recordFailures = 0;
let connection: Connection;
let events: MongoEventStore;
let commands: EventSourcedCommands;

/** A tally, written as the services' use cases write (EventSourcedCommands): what a command commits. */
type TallyEvent = { type: 'tally.added'; data: { by: number } };
const tallyDecider: Decider<{ by: number }, TallyEvent, number> = {
  stateVersion: 1,
  initialState: () => 0,
  evolve: (total, event) => total + event.data.by,
  decide: ({ by }) => [{ type: 'tally.added', data: { by } }],
};
const system = {
  entityId: 'root',
  actor: { kind: 'system' as const, id: 'test' },
  correlationId: 'c',
  causationId: 'c',
};
const add = (streamId: string, by: number) => commands.execute(tallyDecider, streamId, { by }, system);

beforeAll(async () => {
  connection = mongoose.createConnection(stack.mongoUrl, { dbName: stack.dbName });
  stack.onTeardown(() => connection.close());
  events = new MongoEventStore(connection, { upcasters: upcasterRegistry([]) });
  commands = new EventSourcedCommands(
    events,
    new ProjectionRegistry(connection, [], [], events),
    new Metrics('identity'),
  );
  const store = new CommandResultStore(connection, events);
  // the database may go away between the use case and the recording of its answer
  const results: CommandResults = {
    find: (commandIds) => store.find(commandIds),
    record: async (answers) => {
      if (recordFailures-- > 0) throw outage();
      return store.record(answers);
    },
    lastCommitOf: (commandId) => store.lastCommitOf(commandId),
  };
  const server = new KafkaCommandServer({
    kafka,
    connection: { brokers: stack.kafkaBrokers.split(',') },
    service: 'identity',
    topicPrefix: stack.topicPrefix,
    groupId: `${stack.topicPrefix}identity.commands`,
    results,
    retry: { maxAttempts: 3, backoffMs: 10 },
  });
  // what a use case creates: the same id at every delivery of one command
  server.addHandler('user.update', async () => ({ madeId: newId() }));
  // a use case that writes, as assets' and identity's do: a new id, a commit; found done (a value
  // that exists) when the tally has begun: then it writes nothing
  server.addHandler(
    'user.grant-authorization',
    async (data: { streamId: string; findFirst?: boolean; refuse?: boolean }) => {
      if (data.refuse) throw new DomainError('rule', 'refused, as it would be again');
      const madeId = newId();
      if (data.findFirst && (await commands.load(tallyDecider, data.streamId)).state > 0) return { madeId };
      await add(data.streamId, 1);
      return { madeId };
    },
  );
  server.addHandler('user.register', async () => {
    calls++;
    const failure = failures.shift();
    if (failure) throw failure;
    return { done: true };
  });
  stack.onTeardown(() => server.close());
  server.listen(() => undefined);
  sender = new CommandSender(stack, 'identity');
  await sender.connect();
});

beforeEach(() => {
  calls = 0;
});

const outage = () => Object.assign(new Error('connection refused'), { name: 'MongoNetworkError' });

it('retries a command while its dependency is down, past the bounded attempts, and answers it once it ran', async () => {
  failures = [new DomainError('unavailable', 'down'), outage(), outage(), outage(), outage()];
  const command = sender.command('user.register', {}, { token: 'unchecked here' });
  await sender.send(command);
  const [[result]] = await sender.resultsOf([command]);
  expect(acceptedData(result)).toEqual({ streamId: command.streamId, version: null, answer: { done: true } });
  expect(calls).toBe(6);
  expect(sender.resultsFor(command.commandId)).toHaveLength(1);
});

it('runs a command once when its answer could not be recorded at first, and answers it once recorded', async () => {
  recordFailures = 2;
  const command = sender.command('user.register', {}, { token: 'unchecked here' });
  await sender.send(command);
  const [[result]] = await sender.resultsOf([command]);
  expect(result.type).toBe('command.accepted');
  expect(calls).toBe(1);
});

it('dead-letters a command whose failure nothing explains after the bounded attempts, unanswered', async () => {
  failures = [new TypeError('a bug'), new TypeError('a bug'), new TypeError('a bug')];
  const command = sender.command('user.register', {}, { token: 'unchecked here' });
  await sender.send(command);
  const parked = await readTopic(kafka, deadLetterTopicFor(sender.topic), (messages) =>
    messages.some((message) => JSON.stringify(message).includes(command.commandId)),
  );
  expect(parked.at(-1)).toMatchObject(command);
  expect(calls).toBe(3);
  expect(sender.resultsFor(command.commandId)).toEqual([]);
});

it('continues the sender’s trace: the answer carries the trace id the command came with', async () => {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const command = sender.command('user.register', {}, { token: 'unchecked here' });
  await sender.send(command, { traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
  await sender.resultsOf([command]);
  const answered = sender.resultHeaders.get(command.commandId)?.traceparent;
  expect(answered?.split('-')[1]).toBe(traceId);
  expect(answered?.split('-')[2]).not.toBe('00f067aa0ba902b7');
});

it('makes the same ids at every delivery of a command: a redelivery names what the first made', async () => {
  const command = sender.command('user.update', { userId: 'u1' }, { token: 'unchecked here' });
  await sender.send(command);
  const [[first]] = await sender.resultsOf([command]);
  await sender.send(command);
  const [answers] = await sender.resultsOf([command], 2);
  expect(answers.map((result) => acceptedData(result).answer)).toEqual([
    acceptedData(first).answer,
    acceptedData(first).answer,
  ]);
});

describe('a command that committed, answered from its commit', () => {
  const storedAnswers = () => connection.collection<{ _id: string }>('command_results');
  const grant = (data: object) => sender.command('user.grant-authorization', data, { token: 'unchecked here' });
  const commitsOf = (streamId: string) => events.commits.countDocuments({ streamId });
  const answerTo = async (command: ReturnType<typeof grant>, deliveries: number) => {
    await sender.send(command);
    return (await sender.resultsOf([command], deliveries))[0][deliveries - 1];
  };

  it('stores no answer, and answers a redelivery exactly as the first time after the stream moved on', async () => {
    const command = grant({ streamId: 'tally-redelivered' });
    const first = await answerTo(command, 1);
    expect(acceptedData(first)).toEqual({
      streamId: 'tally-redelivered',
      version: 1,
      answer: { madeId: expect.any(String) },
    });
    expect(await storedAnswers().countDocuments({ _id: command.commandId })).toBe(0);
    await add('tally-redelivered', 5);
    expect(await answerTo(command, 2)).toEqual(first);
    expect(await commitsOf('tally-redelivered')).toBe(2);
  });

  it('answers alike a redelivery that finds its work done and writes nothing (a value it created, found)', async () => {
    const command = grant({ streamId: 'tally-found', findFirst: true });
    const first = await answerTo(command, 1);
    expect(await answerTo(command, 2)).toEqual(first);
    expect(await commitsOf('tally-found')).toBe(1);
    expect(await storedAnswers().countDocuments({ _id: command.commandId })).toBe(0);
  });

  it('answers with the stored answer when there is one (recorded before answers were rebuilt from commits)', async () => {
    const command = grant({ streamId: 'tally-stored' });
    const rebuilt = await answerTo(command, 1);
    const stored: CommandResult = {
      ...rebuilt,
      id: '0190a0a0-0000-7000-8000-00000000abcd',
      occurredAt: new Date(0).toISOString(),
    };
    await storedAnswers().insertOne({ _id: command.commandId, result: stored, recordedAt: new Date() } as never);
    expect(await answerTo(command, 2)).toEqual(stored);
    expect(await commitsOf('tally-stored')).toBe(1);
  });

  it('refuses a command id reused for another command, its first answer not stored', async () => {
    const command = grant({ streamId: 'tally-first' });
    await answerTo(command, 1);
    const reused = { ...grant({ streamId: 'tally-other' }), commandId: command.commandId };
    expect(await answerTo(reused, 2)).toMatchObject({ type: 'command.refused', data: { code: 'conflict' } });
    expect(await commitsOf('tally-other')).toBe(0);
  });

  it('still stores a refusal, and answers its redelivery with it', async () => {
    const command = grant({ streamId: 'tally-refused', refuse: true });
    const first = await answerTo(command, 1);
    expect(first.type).toBe('command.refused');
    expect(await storedAnswers().countDocuments({ _id: command.commandId })).toBe(1);
    expect(await answerTo(command, 2)).toEqual(first);
  });
});
