import { Logger } from '@nestjs/common';
import { deadLetterTopicFor } from '@itsm/contracts';
import { DomainError } from '@itsm/domain';
import { createIdempotentProducer, ensureTopics, MessageConsumer } from '@itsm/messaging';
import { eventually, readMessages, stackKafka, useIsolatedStack } from '@itsm/testing';
import mongoose from 'mongoose';
import { DeadLetters } from './dead-letters';
import { ParkedStreamsStore } from './parked-streams.store';

// A consumer group over the real Kafka and database: a refused message parks its stream (the key),
// the stream's later messages wait behind it, across a restart of the consumer, while the other
// streams move on; the dead letter is counted; a replay hands the stream back in order.
// the dead letters' error logs are expected here
Logger.overrideLogger(false);
const stack = useIsolatedStack();
const kafka = stackKafka(stack);
const topic = `${stack.topicPrefix}parking`;
const group = `${stack.topicPrefix}parking.group`;
const connection = mongoose.createConnection(stack.mongoUrl, { dbName: stack.dbName });
const producer = createIdempotentProducer(kafka);
const deadLetters = new DeadLetters(connection);
/** `stream:n` as handled, in order */
const handled: string[] = [];
/** messages the handler refuses for good, until the operator fixes the cause */
const refused = new Set<string>();
const errors: string[] = [];

function consumer(): MessageConsumer<string> {
  const member = new MessageConsumer<string>({
    ...deadLetters.optionsFor(group),
    onDeadLetter: (_message, error) => errors.push(error.message),
    kafka,
    groupId: group,
    topics: [topic],
    backoffMs: 10,
    decode: (message) => JSON.parse(message.value!.toString()) as string,
    handle: async (value) => {
      if (refused.has(value)) throw new DomainError('rule', `${value} is refused`);
      handled.push(value);
    },
  });
  deadLetters.register(group, member);
  stack.onTeardown(() => member.stop());
  return member;
}

const send = (...values: string[]) =>
  producer.send({
    topic,
    messages: values.map((value) => ({ key: value.split(':')[0], value: JSON.stringify(value) })),
  });
const handledOf = (stream: string) => handled.filter((value) => value.startsWith(`${stream}:`));

beforeAll(async () => {
  // one partition: the streams share it, as many streams share each partition in production
  await ensureTopics(kafka, [topic, deadLetterTopicFor(topic)], { partitions: 1 });
  await producer.connect();
  stack.onTeardown(() => producer.disconnect());
  stack.onTeardown(() => connection.close());
});

it('parks a refused stream with what follows it, keeps it parked across a restart, counts it, and replays it in order', async () => {
  refused.add('a:1');
  const first = consumer();
  await first.start();
  await send('a:0', 'b:0', 'a:1', 'b:1', 'a:2', 'b:2', 'a:3');
  await eventually(async () => handledOf('b').length === 3, 60_000, 'the other stream handled');
  expect(handledOf('a')).toEqual(['a:0']);
  expect(errors).toEqual(['rule: a:1 is refused']);
  const [dlq] = await readMessages(kafka, deadLetterTopicFor(topic), 1);
  expect(dlq).toMatchObject({ key: 'a', value: 'a:1', headers: { 'dlq-consumer-group': group } });

  await eventually(async () => (await deadLetters.report()).parked[0]?.waiting === 2, 30_000, 'a:2, a:3 held');
  await first.stop();
  const second = consumer();
  await second.start();
  await send('a:4', 'b:3');
  await eventually(async () => handledOf('b').length === 4, 60_000, 'the other stream still moving');
  await eventually(async () => (await deadLetters.report()).parked[0]?.waiting === 3, 30_000, 'a:4 held too');
  expect(handledOf('a')).toEqual(['a:0']);

  const report = await deadLetters.report();
  expect(report.deadLetters).toEqual([
    { group, count: 1, lastAt: expect.any(String), lastKey: 'a', lastError: 'rule: a:1 is refused' },
  ]);
  expect(report.parked).toEqual([
    { group, key: 'a', topic, error: 'rule: a:1 is refused', parkedAt: expect.any(String), waiting: 3 },
  ]);

  // still refused: the replay stops at the dead letter, which stays parked with what waits behind it
  await expect(deadLetters.replay(group, 'a', false)).rejects.toMatchObject({ code: 'conflict' });
  expect((await deadLetters.report()).parked).toHaveLength(1);

  refused.delete('a:1');
  expect(await deadLetters.replay(group, 'a', false)).toEqual({ delivered: 4 });
  expect(handledOf('a')).toEqual(['a:0', 'a:1', 'a:2', 'a:3', 'a:4']);
  expect(await deadLetters.report()).toEqual({ deadLetters: report.deadLetters, parked: [] });

  // unparked: the stream's next message is handled at once again
  await send('a:5');
  await eventually(async () => handledOf('a').length === 6, 60_000, 'a:5 handled');
  await expect(deadLetters.replay(group, 'a', false)).rejects.toMatchObject({ code: 'not_found' });
  await second.stop();
});

it('replays a stream without its dead letter when the operator drops it', async () => {
  refused.add('c:0');
  const member = consumer();
  await member.start();
  await send('c:0', 'c:1');
  await eventually(
    async () => (await deadLetters.report()).parked.some((stream) => stream.key === 'c' && stream.waiting === 1),
    60_000,
    'c:1 held behind c:0',
  );
  expect(await deadLetters.replay(group, 'c', true)).toEqual({ delivered: 1 });
  expect(handledOf('c')).toEqual(['c:1']);
});

it('holds a message redelivered after a crash once, and holds nothing for a stream that is not parked', async () => {
  const store = new ParkedStreamsStore(connection);
  const message = (offset: string, key = 'd') => ({
    topic,
    partition: 0,
    offset,
    timestamp: '0',
    key,
    value: Buffer.from(JSON.stringify(`${key}:${offset}`)),
    headers: { 'event-type': 'counter.incremented' },
  });
  await store.park('crash-group', message('10'), 'rule: refused');
  expect(await store.hold('crash-group', message('11'))).toBe(true);
  expect(await store.hold('crash-group', message('11'))).toBe(true);
  expect(await store.hold('crash-group', message('12', 'e'))).toBe(false);
  const claimed = await store.claim('crash-group', 'd', 'replayer', 60_000);
  expect(claimed).toEqual({ key: 'd', delivered: 0, messages: [message('10'), message('11')] });
  expect(await store.claim('crash-group', 'd', 'another', 60_000)).toBe('busy');
});
