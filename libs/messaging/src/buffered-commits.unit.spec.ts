import type { Batch, Consumer } from 'kafkajs';
import { BufferedCommits } from './buffered-commits';

/** A fetched batch as BufferedCommits reads it: its last offset and how far the partition goes. */
const batch = (partition: number, lastOffset: number, highWatermark: number) =>
  ({
    topic: 't',
    partition,
    isEmpty: () => false,
    lastOffset: () => String(lastOffset),
    offsetLag: () => String(highWatermark - 1 - lastOffset),
  }) as unknown as Batch;

function setup(held: { tickets: number }, holdsAtPartitionEnd = false) {
  const log: string[] = [];
  const consumer = {
    commitOffsets: async (offsets: Array<{ partition: number; offset: string }>) => {
      log.push(`commit ${offsets.map(({ partition, offset }) => `${partition}@${offset}`).join(' ')}`);
    },
  } as unknown as Consumer;
  const buffering = {
    holdsAtPartitionEnd,
    mustFlush: () => held.tickets >= 10,
    flush: async () => {
      log.push(`flush ${held.tickets}`);
      held.tickets = 0;
    },
  };
  return {
    log,
    commits: new BufferedCommits(
      buffering,
      () => consumer,
      () => undefined,
    ),
  };
}

describe('buffered commits', () => {
  it('keeps batches behind their partitions’ ends until the handler holds enough, then flushes and commits them', async () => {
    const held = { tickets: 0 };
    const { log, commits } = setup(held);
    held.tickets = 4;
    expect(commits.handled(batch(0, 99, 1000))).toBe(false);
    held.tickets = 8;
    expect(commits.handled(batch(1, 49, 1000))).toBe(false);
    held.tickets = 12;
    expect(commits.handled(batch(0, 199, 1000))).toBe(true);
    await commits.flushAndCommit();
    commits.stop();
    expect(log).toEqual(['flush 12', 'commit 0@200 1@50']);
  });

  it('flushes a batch that reaches the end of its partition at once (live consumption)', async () => {
    const held = { tickets: 1 };
    const { log, commits } = setup(held);
    expect(commits.handled(batch(2, 9, 10))).toBe(true);
    await commits.flushAndCommit();
    expect(log).toEqual(['flush 1', 'commit 2@10']);
  });

  it('holds a batch at the end of its partition while reading a backlog, the quiet flushing it', async () => {
    jest.useFakeTimers();
    const held = { tickets: 1 };
    const { log, commits } = setup(held, true);
    expect(commits.handled(batch(2, 9, 10))).toBe(false);
    expect(log).toEqual([]);
    await jest.advanceTimersByTimeAsync(500);
    commits.stop();
    expect(log).toEqual(['flush 1', 'commit 2@10']);
  });
});

afterEach(() => jest.useRealTimers());
