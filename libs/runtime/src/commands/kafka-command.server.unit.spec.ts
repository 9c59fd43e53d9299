import { Kafka, logLevel } from 'kafkajs';
import { KafkaCommandServer } from './kafka-command.server';

// The server's lookup of a command type's handler, without Kafka (nothing here connects).
const server = () =>
  new KafkaCommandServer({
    kafka: new Kafka({ brokers: ['127.0.0.1:1'], logLevel: logLevel.NOTHING }),
    connection: { brokers: ['127.0.0.1:1'] },
    service: 'identity',
    topicPrefix: 'unit.',
    groupId: 'unit.identity.commands',
    results: { find: async () => [], record: async () => undefined, lastCommitOf: async () => undefined } as never,
  });

/** The private lookup `run` uses, and its cache. */
const internals = (commands: KafkaCommandServer) =>
  commands as unknown as { handlerOf(type: string): unknown; handlers: Map<string, unknown> };

describe('the command server handler lookup', () => {
  it('keeps only found handlers: a producer sending unknown types grows nothing', () => {
    const commands = server();
    commands.addHandler('user.update', async () => ({}));
    for (let i = 0; i < 1_000; i++) expect(internals(commands).handlerOf(`no.such-type-${i}`)).toBeNull();
    expect(internals(commands).handlerOf('user.update')).toBeInstanceOf(Function);
    expect([...internals(commands).handlers.keys()]).toEqual(['user.update']);
  });

  it('finds a handler added after its type was once asked for in vain', () => {
    const commands = server();
    expect(internals(commands).handlerOf('user.late')).toBeNull();
    commands.addHandler('user.late', async () => ({}));
    expect(internals(commands).handlerOf('user.late')).toBeInstanceOf(Function);
  });
});
