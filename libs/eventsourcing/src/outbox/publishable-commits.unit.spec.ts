import type { StoredCommit } from '../event-store/stored-commit';
import { publishableCommits } from './publishable-commits';

const commit = (streamId: string, sequence: number, lastSequence = sequence): StoredCommit => ({
  _id: `${streamId}-${sequence}`,
  streamId,
  sequence,
  lastSequence,
  events: [],
  published: false,
});

describe('which unpublished commits may go to Kafka now', () => {
  it('takes, per stream, the gap-free run after the last published sequence, in sequence order', () => {
    const batch = [commit('a', 3), commit('a', 1, 2), commit('b', 5), commit('a', 5)];
    const ids = publishableCommits(batch, (stream) => ({ a: 0, b: 4 })[stream]).map((c) => c._id);
    expect(ids).toEqual(['a-1', 'a-3', 'b-5']);
  });

  it('holds back a stream whose predecessor is not published yet', () => {
    expect(publishableCommits([commit('a', 7)], () => 5)).toEqual([]);
    expect(publishableCommits([commit('a', 7)], () => undefined)).toEqual([]);
  });
});
