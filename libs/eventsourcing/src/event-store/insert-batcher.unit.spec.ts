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
    const outcomes = [['a'], ['b'], ['c1', 'c2'], ['d']].map((ids) => outcomeOf(batcher, ids));
    for (let round = 0; round < 3; round++) {
      await settle();
      store.releaseAll();
    }
    expect(await Promise.all(outcomes)).toEqual(['written', 'written', 'refused 11000 at 1: dup c2', 'written']);
    expect(store.writes).toEqual([['a'], ['b', 'c1', 'c2', 'd'], ['d']]);
  });

  it.each([
    ['went away', new Error('connection closed')],
    // the driver's own shape: a bulk write error carrying the network error, no server answer
    [
      'cut the connection',
      Object.assign(new Error('connection closed'), {
        name: 'MongoBulkWriteError',
        writeErrors: [],
        errorResponse: Object.assign(new Error('connection 3 to 127.0.0.1:27027 closed'), {
          name: 'MongoNetworkError',
        }),
      }),
    ],
  ])('fails every caller of a batch when the server %s: no outcome is known, nothing read back', async (_, lost) => {
    const batcher = new InsertBatcher<Doc>({
      insertMany: () => Promise.reject(lost),
      findOne: () => Promise.reject(new Error('not asked')),
    } as never);
    const outcomes = ['a', 'b', 'c'].map((_id) => batcher.insert([{ _id }]).catch((error: Error) => error.message));
    expect(await Promise.all(outcomes)).toEqual(['connection closed', 'connection closed', 'connection closed']);
  });

  it('isolates a document refused with the whole write: what landed is done, the rest written alone', async () => {
    const store = prefixStoringCollection('c2');
    const batcher = new InsertBatcher<Doc>(store.collection as never, { maxInFlight: 1 });
    const outcomes = [['a'], ['b1', 'b2'], ['c1', 'c2'], ['d1', 'd2'], ['e']].map((ids) => outcomeOf(batcher, ids));
    for (let round = 0; round < 6; round++) {
      await settle();
      store.releaseAll();
    }
    expect(await Promise.all(outcomes)).toEqual([
      'written',
      'written',
      'refused 1 at 1: unsupported Unicode escape sequence',
      'written',
      'written',
    ]);
    // b and c1 landed before the refusal (FerretDB keeps them); c2 was tried alone, then d and e
    expect(store.writes).toEqual([['a'], ['b1', 'b2', 'c1', 'c2', 'd1', 'd2', 'e'], ['c2'], ['d1', 'd2'], ['e']]);
    expect([...store.stored].sort()).toEqual(['a', 'b1', 'b2', 'c1', 'd1', 'd2', 'e']);
  });

  it('fails every caller of a refused batch when what landed cannot be read back', async () => {
    const batcher = new InsertBatcher<Doc>({
      insertMany: () =>
        Promise.reject(
          Object.assign(new Error('unsupported'), { code: 1, writeErrors: [], errorResponse: { ok: 0, code: 1 } }),
        ),
      findOne: () => Promise.reject(new Error('no reads either')),
    } as never);
    const outcomes = ['a', 'b'].map((_id) => outcomeOf(batcher, [_id]));
    expect(await Promise.all(outcomes)).toEqual([
      'refused 1 at undefined: unsupported',
      'refused 1 at undefined: unsupported',
    ]);
  });
});

describe('insert batcher with a lead document (the outbox entry of a group insert)', () => {
  /** a lead naming the ids after it, and what it was narrowed to */
  function namingLead() {
    let leads = 0;
    const narrowed: Array<[string, string[]]> = [];
    const lead = {
      of: (docs: Doc[]) => ({ _id: `lead${++leads}:${docs.map((doc) => doc._id).join(',')}` }),
      narrow: async (entry: Doc, landed: Doc[]) => void narrowed.push([entry._id, landed.map((doc) => doc._id)]),
    };
    return { lead, narrowed };
  }

  it('given callers meeting in one insert, then their documents go after one lead naming them all, and none is narrowed', async () => {
    const store = heldCollection();
    const { lead, narrowed } = namingLead();
    const batcher = new InsertBatcher<Doc>(store.collection as never, { maxInFlight: 1, lead });
    const first = outcomeOf(batcher, ['a']);
    const rest = [['b'], ['c']].map((ids) => outcomeOf(batcher, ids));
    for (let round = 0; round < 2; round++) {
      await settle();
      store.releaseAll();
    }
    expect(await Promise.all([first, ...rest])).toEqual(['written', 'written', 'written']);
    expect(store.writes).toEqual([
      ['lead1:a', 'a'],
      ['lead2:b,c', 'b', 'c'],
    ]);
    expect(narrowed).toEqual([]);
  });

  it('given a refused document, then the lead is narrowed to what landed before it, the refused caller fails at its own position, and the callers after it go under a lead of their own', async () => {
    const store = heldCollection(new Set(['c2']));
    const { lead, narrowed } = namingLead();
    const batcher = new InsertBatcher<Doc>(store.collection as never, { maxInFlight: 1, lead });
    const outcomes = [['a'], ['b'], ['c1', 'c2'], ['d']].map((ids) => outcomeOf(batcher, ids));
    for (let round = 0; round < 3; round++) {
      await settle();
      store.releaseAll();
    }
    expect(await Promise.all(outcomes)).toEqual(['written', 'written', 'refused 11000 at 1: dup c2', 'written']);
    expect(store.writes).toEqual([
      ['lead1:a', 'a'],
      ['lead2:b,c1,c2,d', 'b', 'c1', 'c2', 'd'],
      ['lead3:d', 'd'],
    ]);
    // c1 landed (the insert is ordered), c2 did not: the lead names b and c1 only
    expect(narrowed).toEqual([['lead2:b,c1,c2,d', ['b', 'c1']]]);
  });

  it('given a first document refused, then the lead names none: it is narrowed to nothing (deleted)', async () => {
    const store = heldCollection(new Set(['a']));
    const { lead, narrowed } = namingLead();
    const batcher = new InsertBatcher<Doc>(store.collection as never, { maxInFlight: 1, lead });
    const outcome = outcomeOf(batcher, ['a']);
    await settle();
    store.releaseAll();
    expect(await outcome).toEqual('refused 11000 at 0: dup a');
    expect(narrowed).toEqual([['lead1:a', []]]);
  });

  it('given a write refused as a whole, then the lead is narrowed to the documents read back, and the others are written alone', async () => {
    const store = prefixStoringCollection('c2');
    const { lead, narrowed } = namingLead();
    const batcher = new InsertBatcher<Doc>(store.collection as never, { maxInFlight: 1, lead });
    const outcomes = [['a'], ['b'], ['c1', 'c2'], ['d']].map((ids) => outcomeOf(batcher, ids));
    for (let round = 0; round < 6; round++) {
      await settle();
      store.releaseAll();
    }
    expect(await Promise.all(outcomes)).toEqual([
      'written',
      'written',
      'refused 1 at 1: unsupported Unicode escape sequence',
      'written',
    ]);
    // c2 alone: its lead landed before the refusal, and names nothing that did
    expect(narrowed).toEqual([
      ['lead2:b,c1,c2,d', ['b', 'c1']],
      ['lead3:c2', []],
    ]);
    expect(store.writes.slice(2)).toEqual([
      ['lead3:c2', 'c2'],
      ['lead4:d', 'd'],
    ]);
  });
});

const outcomeOf = (batcher: InsertBatcher<Doc>, ids: string[]) =>
  batcher.insert(ids.map((_id) => ({ _id }))).then(
    () => 'written',
    (error: { code?: number; position?: number; message: string }) =>
      `refused ${error.code} at ${error.position}: ${error.message}`,
  );

/**
 * A collection that holds each write until released and, like FerretDB on a NUL in a string,
 * refuses a write holding the bad id as a whole, naming no document, after storing those before it.
 */
function prefixStoringCollection(bad: string) {
  const writes: string[][] = [];
  const stored = new Set<string>();
  const releases: Array<() => void> = [];
  return {
    writes,
    stored,
    releaseAll: () => releases.splice(0).forEach((release) => release()),
    collection: {
      insertMany: async (docs: Doc[]) => {
        writes.push(docs.map((doc) => doc._id));
        await new Promise<void>((resolve) => releases.push(resolve));
        for (const doc of docs) {
          if (doc._id === bad) {
            const errorResponse = { ok: 0, code: 1, errmsg: 'unsupported Unicode escape sequence' };
            throw Object.assign(new Error(errorResponse.errmsg), { code: 1, writeErrors: [], errorResponse });
          }
          stored.add(doc._id);
        }
        return { acknowledged: true };
      },
      findOne: async ({ _id }: Doc) => (stored.has(_id) ? { _id } : null),
    },
  };
}
