import type { StoredCommit } from '../event-store/stored-commit';
import { byteBoundedBatches, outgoingCommit } from './outbox-batches';

const commit = (streamId: string, sequence: number, noteBytes: number): StoredCommit => ({
  _id: `${streamId}-${sequence}`,
  streamId,
  sequence,
  lastSequence: sequence,
  chunk: 0,
  events: [
    {
      id: `${streamId}-${sequence}`,
      type: 'counter.incremented',
      schemaVersion: 1,
      streamId,
      sequence,
      entityId: 'root',
      occurredAt: '2026-01-01T00:00:00.000Z',
      actor: { kind: 'system', id: 'test' },
      correlationId: 'c',
      causationId: 'c',
      data: { note: 'x'.repeat(noteBytes) },
    },
  ],
});

const ids = (batches: ReturnType<typeof byteBoundedBatches>) => batches.map((batch) => batch.map((c) => c.commit._id));

describe('outbox sends bounded in bytes', () => {
  it('weighs a commit by its messages: key, value and headers, plus the record overhead', () => {
    const heavy = outgoingCommit(commit('a', 1, 10_000));
    const light = outgoingCommit(commit('a', 2, 0));
    expect(heavy.bytes - light.bytes).toBe(10_000);
    expect(light.bytes).toBeGreaterThan(Buffer.byteLength(light.messages[0].value));
  });

  it('fills each send up to the bound, in order, never splitting a commit', () => {
    const commits = [commit('a', 1, 400), commit('b', 1, 400), commit('a', 2, 400), commit('c', 1, 400)].map(
      outgoingCommit,
    );
    const bound = commits[0].bytes * 2;
    expect(ids(byteBoundedBatches(commits, bound))).toEqual([
      ['a-1', 'b-1'],
      ['a-2', 'c-1'],
    ]);
  });

  it('sends a commit heavier than the bound alone', () => {
    const commits = [commit('a', 1, 10), commit('big', 1, 5_000), commit('b', 1, 10)].map(outgoingCommit);
    expect(ids(byteBoundedBatches(commits, 2_000))).toEqual([['a-1'], ['big-1'], ['b-1']]);
  });
});
