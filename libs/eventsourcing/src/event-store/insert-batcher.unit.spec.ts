import { InsertBatcher } from './insert-batcher';

interface Doc {
  _id: string;
}

/** A collection that holds each write until released, and refuses the ids it is told to (ordered). */
function heldCollection(refused: Set<string> = new Set()) {
  const writes: string[][] = [];
  const releases: Array<() => void> = [];
  const held = () => new Promise<void>((resolve) => releases.push(resolve));
  return {
    writes,
    releaseAll: () => releases.splice(0).forEach((release) => release()),
    collection: {
      insertMany: async (docs: Doc[]) => {
        writes.push(docs.map((doc) => doc._id));
        await held();
        const index = docs.findIndex((doc) => refused.has(doc._id));
        if (index >= 0) {
          const writeErrors = [{ index, code: 11000, errmsg: `dup ${docs[index]._id}` }];
          throw Object.assign(new Error('bulk'), { code: 11000, writeErrors });
        }
        return { acknowledged: true, insertedCount: docs.length, insertedIds: {} };
      },
    },
  };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('insert batcher (group commit)', () => {
  it('sends a lone insert at once, and what comes while the writes are on their way in one batch', async () => {
    const store = heldCollection();
    const batcher = new InsertBatcher<Doc>(store.collection as never, { maxInFlight: 1 });
    const first = batcher.insert([{ _id: 'a' }]);
    const rest = [['b1', 'b2'], ['c'], ['d']].map((ids) => batcher.insert(ids.map((_id) => ({ _id }))));
    await settle();
    expect(store.writes).toEqual([['a']]);
    store.releaseAll();
    await first;
    await settle();
    expect(store.writes).toEqual([['a'], ['b1', 'b2', 'c', 'd']]);
    store.releaseAll();
    await Promise.all(rest);
  });

  it('fails the caller of a refused document alone, and sends the callers after it again', async () => {
    const store = heldCollection(new Set(['c2']));
    const batcher = new InsertBatcher<Doc>(store.collection as never, { maxInFlight: 1 });
    const outcome = (ids: string[]) =>
      batcher.insert(ids.map((_id) => ({ _id }))).then(
        () => 'written',
        (error: { code?: number; position?: number; message: string }) =>
          `refused ${error.code} at ${error.position}: ${error.message}`,
      );
    const outcomes = [['a'], ['b'], ['c1', 'c2'], ['d']].map(outcome);
    for (let round = 0; round < 3; round++) {
      await settle();
      store.releaseAll();
    }
    expect(await Promise.all(outcomes)).toEqual(['written', 'written', 'refused 11000 at 1: dup c2', 'written']);
    expect(store.writes).toEqual([['a'], ['b', 'c1', 'c2', 'd'], ['d']]);
  });

  it('fails every caller of a batch when the write failed as a whole', async () => {
    const batcher = new InsertBatcher<Doc>({
      insertMany: () => Promise.reject(new Error('connection closed')),
    } as never);
    const outcomes = ['a', 'b', 'c'].map((_id) => batcher.insert([{ _id }]).catch((error: Error) => error.message));
    expect(await Promise.all(outcomes)).toEqual(['connection closed', 'connection closed', 'connection closed']);
  });
});
