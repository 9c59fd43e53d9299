import { InsertBatcher } from './insert-batcher';

interface Doc {
  _id: string;
}

/** A collection that holds each write until released, and refuses the ids it is told to. */
function heldCollection(refused: Set<string> = new Set()) {
  const writes: string[][] = [];
  const releases: Array<() => void> = [];
  const held = () => new Promise<void>((resolve) => releases.push(resolve));
  const duplicates = (docs: Doc[]) =>
    docs.flatMap((doc, index) => (refused.has(doc._id) ? [{ index, code: 11000, errmsg: `dup ${doc._id}` }] : []));
  return {
    writes,
    releaseAll: () => releases.splice(0).forEach((release) => release()),
    collection: {
      insertOne: async (doc: Doc) => {
        writes.push([doc._id]);
        await held();
        if (refused.has(doc._id)) throw Object.assign(new Error(`dup ${doc._id}`), { code: 11000 });
        return { acknowledged: true, insertedId: doc._id };
      },
      insertMany: async (docs: Doc[]) => {
        writes.push(docs.map((doc) => doc._id));
        await held();
        const writeErrors = duplicates(docs);
        if (writeErrors.length > 0) throw Object.assign(new Error('bulk'), { code: 11000, writeErrors });
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
    const first = batcher.insert({ _id: 'a' });
    const rest = ['b', 'c', 'd'].map((_id) => batcher.insert({ _id }));
    await settle();
    expect(store.writes).toEqual([['a']]);
    store.releaseAll();
    await first;
    await settle();
    expect(store.writes).toEqual([['a'], ['b', 'c', 'd']]);
    store.releaseAll();
    await Promise.all(rest);
  });

  it('fails only the documents the server refused; the others of the batch are written', async () => {
    const store = heldCollection(new Set(['c']));
    const batcher = new InsertBatcher<Doc>(store.collection as never, { maxInFlight: 1 });
    const outcomes = ['a', 'b', 'c', 'd'].map((_id) =>
      batcher.insert({ _id }).then(
        () => 'written',
        (error: { code?: number; message: string }) => `refused ${error.code} ${error.message}`,
      ),
    );
    await settle();
    store.releaseAll();
    await settle();
    store.releaseAll();
    expect(await Promise.all(outcomes)).toEqual(['written', 'written', 'refused 11000 dup c', 'written']);
  });

  it('fails every document of a batch when the write failed as a whole', async () => {
    const batcher = new InsertBatcher<Doc>({
      insertOne: () => Promise.reject(new Error('connection closed')),
      insertMany: () => Promise.reject(new Error('connection closed')),
    } as never);
    const outcomes = ['a', 'b', 'c'].map((_id) => batcher.insert({ _id }).catch((error: Error) => error.message));
    expect(await Promise.all(outcomes)).toEqual(['connection closed', 'connection closed', 'connection closed']);
  });
});
