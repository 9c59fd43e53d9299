import { deadLetterTopicFor } from '@itsm/contracts';
import { DomainError } from '@itsm/domain';
import { acceptedData, CommandSender, readTopic, useIsolatedStack } from '@itsm/testing';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { CommandResultStore, type CommandResults } from './command-result.store';
import { KafkaCommandServer } from './kafka-command.server';
import { newId } from '../idempotency/idempotent-request';

// The server alone, with a handler that fails as dependencies do: a command waits for a dependency
// as long as it is down, and only an unexplained failure, retried a few times, is dead-lettered.
const stack = useIsolatedStack();
// traced, as a service is with OTEL_TRACES_EXPORTER set (its spans go nowhere here)
new NodeTracerProvider().register();
const kafka = new Kafka({ brokers: stack.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
let sender: CommandSender;
let failures: unknown[] = [];
let calls = 0;
let recordFailures = 0;

beforeAll(async () => {
  const connection = mongoose.createConnection(stack.mongoUrl, { dbName: stack.dbName });
  stack.onTeardown(() => connection.close());
  const store = new CommandResultStore(connection);
  // the database may go away between the use case and the recording of its answer
  const results: CommandResults = {
    find: (commandIds) => store.find(commandIds),
    record: async (answers) => {
      if (recordFailures-- > 0) throw outage();
      return store.record(answers);
    },
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
