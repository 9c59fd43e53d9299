import type { Admin } from 'kafkajs';
import { CatchUp, HandledPositions, startPositions } from './feed-positions';
import { topicHolds } from './feed-snapshots';

describe('where the list index feed starts and when it has caught up', () => {
  const admin = (committed: Array<[number, string]>) =>
    ({
      fetchOffsets: async () => [
        { topic: 't', partitions: committed.map(([partition, offset]) => ({ partition, offset, metadata: null })) },
      ],
      fetchTopicOffsets: async () => [
        { partition: 0, offset: '50', low: '0', high: '50' },
        { partition: 1, offset: '90', low: '10', high: '90' },
        { partition: 2, offset: '7', low: '0', high: '7' },
      ],
    }) as unknown as Admin;

  it('starts at the read model group’s commits, or the beginning where it has none', async () => {
    expect(
      await startPositions(
        admin([
          [0, '40'],
          [1, '-1'],
          [2, '7'],
        ]),
        't',
        ['g'],
      ),
    ).toEqual([
      { partition: 0, offset: '40' },
      { partition: 1, offset: '10' },
      { partition: 2, offset: '7' },
    ]);
    // a commit below what retention kept starts at what is left
    expect((await startPositions(admin([[1, '3']]), 't', ['g']))[1]).toEqual({ partition: 1, offset: '10' });
  });

  it('starts at the earliest commits of several read models (the others skip what they hold)', async () => {
    const commits: Record<string, Array<[number, string]>> = {
      a: [
        [0, '45'],
        [1, '80'],
      ],
      b: [
        [0, '40'],
        [1, '85'],
        [2, '7'],
      ],
    };
    const twoGroups = {
      fetchOffsets: async ({ groupId }: { groupId: string }) => [
        {
          topic: 't',
          partitions: commits[groupId].map(([partition, offset]) => ({ partition, offset, metadata: null })),
        },
      ],
      fetchTopicOffsets: async () => [
        { partition: 0, offset: '50', low: '0', high: '50' },
        { partition: 1, offset: '90', low: '10', high: '90' },
        { partition: 2, offset: '7', low: '0', high: '7' },
      ],
    } as unknown as Admin;
    expect(await startPositions(twoGroups, 't', ['a', 'b'])).toEqual([
      { partition: 0, offset: '40' },
      { partition: 1, offset: '80' },
      { partition: 2, offset: '0' }, // group a has not committed partition 2: from its start
    ]);
  });

  it('is caught up once each partition reached where the topic ended after the load', () => {
    const starts = [
      { partition: 0, offset: '40' },
      { partition: 1, offset: '90' },
    ];
    const catchUp = new CatchUp(starts, [
      { partition: 0, offset: '50' },
      { partition: 1, offset: '90' },
    ]);
    expect(catchUp.done).toBe(false);
    catchUp.passed(0, 45);
    expect(catchUp.done).toBe(false);
    catchUp.passed(0, 50);
    expect(catchUp.done).toBe(true);
    expect(new CatchUp(starts, starts).done).toBe(true);
  });
});

describe('where a snapshot stands and whether the topic still holds what follows it', () => {
  it('keeps the furthest handled offset of each partition', () => {
    const handled = new HandledPositions([
      { partition: 0, offset: '5' },
      { partition: 1, offset: '0' },
    ]);
    handled.passed(0, 9);
    handled.passed(0, 7); // a batch of the same partition cannot go back
    expect(handled.positions()).toEqual([
      { partition: 0, offset: '9' },
      { partition: 1, offset: '0' },
    ]);
  });

  it('passes over a snapshot whose events are gone, whose topic was recreated or repartitioned', () => {
    const bounds = [
      { partition: 0, low: '10', high: '50' },
      { partition: 1, low: '0', high: '20' },
    ];
    const at = (first: number, second: number) => [
      { partition: 0, offset: String(first) },
      { partition: 1, offset: String(second) },
    ];
    expect(topicHolds(at(10, 20), bounds)).toBe(true);
    expect(topicHolds(at(9, 20), bounds)).toBe(false); // retention deleted events after it
    expect(topicHolds(at(10, 21), bounds)).toBe(false); // a topic younger than the snapshot
    expect(topicHolds(at(10, 20).slice(0, 1), bounds)).toBe(false);
  });
});
