import type { StoredCommit } from '../event-store/stored-commit';
import { publishableCommits } from './publishable-commits';

const commit = (streamId: string, sequence: number, lastSequence = sequence): StoredCommit => ({
  _id: `${streamId}-${sequence}`,
  streamId,
  sequence,
  lastSequence,
  chunk: 0,
  events: [],
});

describe('which unpublished commits may go to Kafka now', () => {
  it('takes, per stream, the gap-free run from its lowest unpublished commit, in sequence order', () => {
    const batch = [commit('a', 3), commit('a', 1, 2), commit('b', 5), commit('a', 5), commit('b', 6)];
    expect(publishableCommits(batch).map((c) => c._id)).toEqual(['a-1', 'a-3', 'b-5', 'b-6']);
  });

  it('holds back a stream with an older unpublished commit outside the batch', () => {
    const batch = [commit('a', 7), commit('b', 2)];
    expect(publishableCommits(batch, new Set(['a'])).map((c) => c._id)).toEqual(['b-2']);
  });
});
