import { EventEmitter } from 'node:events';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { MessageConsumer } from './message-consumer';

/** A kafkajs group member as far as MessageConsumer uses it: its lifecycle and its crash event. */
class FakeMember extends EventEmitter {
  readonly events = { CRASH: 'consumer.crash', GROUP_JOIN: 'consumer.group_join' };
  running = false;
  disconnected = false;

  constructor(private readonly broker: { refusals: number }) {
    super();
  }

  async connect() {}
  async subscribe() {}
  /** what the consumer asked kafkajs to run: its batch handler */
  config?: { eachBatch?: (payload: unknown) => Promise<void>; eachMessage?: (payload: unknown) => Promise<void> };
  async run(config: FakeMember['config']) {
    if (this.broker.refusals-- > 0)
      throw Object.assign(new Error('connect ECONNREFUSED'), { name: 'KafkaJSConnectionError' });
    this.config = config;
    this.running = true;
  }
  async disconnect() {
    this.running = false;
    this.disconnected = true;
  }
  crash(restart: boolean) {
    this.running = false;
    this.emit(this.events.CRASH, { payload: { error: new Error('The group coordinator is not available'), restart } });
  }
}

/** `broker.refusals`: how many of the next runs the broker refuses */
function fakeKafka(members: FakeMember[], broker = { refusals: 0 }) {
  const kafka = {
    consumer: () => {
      const member = new FakeMember(broker);
      members.push(member);
      return member;
    },
    producer: () => ({ connect: async () => {}, disconnect: async () => {}, send: async () => {} }),
  };
  return kafka as unknown as Kafka;
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 2));
  return check();
};

function consumerOn(kafka: Kafka, restarts: Error[]) {
  return new MessageConsumer<string>({
    kafka,
    groupId: 'g',
    topics: ['t'],
    backoffMs: 1,
    decode: (message) => String(message.value),
    handle: async () => {},
    onRestart: (error) => restarts.push(error),
  });
}

describe('a group member kafkajs gives up on', () => {
  it('given a crash kafkajs will not restart from, then a new member replaces it and runs', async () => {
    const members: FakeMember[] = [];
    const restarts: Error[] = [];
    const consumer = consumerOn(fakeKafka(members), restarts);
    await consumer.start();
    members[0].crash(false);
    expect(await until(() => members[1]?.running === true)).toBe(true);
    expect(members[0].disconnected).toBe(true);
    expect(restarts.map((error) => error.message)).toEqual(['The group coordinator is not available']);
    await consumer.stop();
  });

  it('given the broker still away, then the replacement is tried again until one runs', async () => {
    const members: FakeMember[] = [];
    const broker = { refusals: 0 };
    const consumer = consumerOn(fakeKafka(members, broker), []);
    await consumer.start();
    broker.refusals = 2;
    members[0].crash(false);
    expect(await until(() => members.some((member) => member.running))).toBe(true);
    expect(members.filter((member) => member.running)).toHaveLength(1);
    expect(members).toHaveLength(4); // the crashed one, two refused, the one that runs
    await consumer.stop();
  });
});

describe('messages passed over by their headers', () => {
  const message = (offset: string, type: string): KafkaMessage =>
    ({
      offset,
      key: null,
      value: Buffer.from(`${type}@${offset}`),
      headers: { 'event-type': Buffer.from(type) },
    }) as never;

  it('given a batch of which the consumer accepts some, then only those are decoded and handled, and every offset is resolved', async () => {
    const members: FakeMember[] = [];
    const decoded: string[] = [];
    const handled: string[][] = [];
    const consumer = new MessageConsumer<string>({
      kafka: fakeKafka(members),
      groupId: 'g',
      topics: ['t'],
      decode: (kafkaMessage) => (decoded.push(String(kafkaMessage.value)), String(kafkaMessage.value)),
      handle: async () => {},
      handleBatch: async (messages) => void handled.push(messages),
      accepts: (kafkaMessage) => String(kafkaMessage.headers?.['event-type']) === 'asset.created',
    });
    await consumer.start();
    const resolved: string[] = [];
    const batch = {
      topic: 't',
      partition: 0,
      messages: [message('1', 'asset.created'), message('2', 'asset.seen'), message('3', 'asset.created')],
    };
    await members[0].config!.eachBatch!({
      batch,
      resolveOffset: (offset: string) => resolved.push(offset),
      heartbeat: async () => {},
    });
    expect(decoded).toEqual(['asset.created@1', 'asset.created@3']);
    expect(handled).toEqual([['asset.created@1', 'asset.created@3']]);
    expect(resolved).toEqual(['1', '2', '3']);
    await consumer.stop();
  });

  it('given a batch it accepts nothing of, then its handler is not called and its offsets are resolved', async () => {
    const members: FakeMember[] = [];
    const handled: string[][] = [];
    const consumer = new MessageConsumer<string>({
      kafka: fakeKafka(members),
      groupId: 'g',
      topics: ['t'],
      decode: (kafkaMessage) => String(kafkaMessage.value),
      handle: async () => {},
      handleBatch: async (messages) => void handled.push(messages),
      accepts: () => false,
    });
    await consumer.start();
    const resolved: string[] = [];
    const batch = { topic: 't', partition: 0, messages: [message('7', 'asset.seen')] };
    await members[0].config!.eachBatch!({
      batch,
      resolveOffset: (offset: string) => resolved.push(offset),
      heartbeat: async () => {},
    });
    expect(handled).toEqual([]);
    expect(resolved).toEqual(['7']);
    await consumer.stop();
  });
});
