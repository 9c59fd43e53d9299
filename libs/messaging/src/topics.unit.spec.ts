import { parseTopicOverrides, topicConfig } from './topics';

describe('topic settings', () => {
  it('creates a topic with the common settings, its own winning, the broker’s for what neither says', () => {
    const settings = {
      partitions: 3,
      replicationFactor: 3,
      retentionMs: -1,
      byTopic: parseTopicOverrides(
        'itsm.tickets.events:partitions=12 ; itsm.tickets.commands:retention.ms=86400000,replication=2;',
      ),
    };
    expect(topicConfig('itsm.tickets.events', settings)).toEqual({
      topic: 'itsm.tickets.events',
      numPartitions: 12,
      replicationFactor: 3,
      configEntries: [{ name: 'retention.ms', value: '-1' }],
    });
    expect(topicConfig('itsm.tickets.commands', settings)).toEqual({
      topic: 'itsm.tickets.commands',
      numPartitions: 3,
      replicationFactor: 2,
      configEntries: [{ name: 'retention.ms', value: '86400000' }],
    });
    expect(topicConfig('itsm.sla.events', {})).toEqual({
      topic: 'itsm.sla.events',
      numPartitions: 3,
      replicationFactor: -1,
      configEntries: [],
    });
  });

  it('refuses overrides it cannot read, naming them', () => {
    expect(parseTopicOverrides('')).toEqual({});
    expect(() => parseTopicOverrides('itsm.tickets.events')).toThrow(
      '"itsm.tickets.events" is not <topic>:<setting>=<value>',
    );
    expect(() => parseTopicOverrides('itsm.tickets.events:partitions=0')).toThrow(
      '"partitions=0" in "itsm.tickets.events:partitions=0"',
    );
    expect(() => parseTopicOverrides('itsm.tickets.events:segment.ms=10')).toThrow('"segment.ms=10"');
    expect(() => parseTopicOverrides('itsm.tickets.events:retention.ms=soon')).toThrow('"retention.ms=soon"');
  });
});
