import { DomainError } from '@itsm/domain';
import { settleAppend, type AppendSettling } from './append-outcome';
import { DocumentWriteError } from './insert-batcher';
import { outboxEntryOf, type OutboxEntry, type StoredCommit } from './stored-commit';

const commit: StoredCommit = { _id: 'c1', streamId: 'ticket-1', sequence: 3, lastSequence: 3, chunk: 0, events: [] };
const entry = outboxEntryOf(commit);
const duplicate = (index: number, position: number) =>
  new DocumentWriteError({ index, code: 11000, errmsg: 'E11000 duplicate key' }, position);
const dropped = () => Object.assign(new Error('connection reset'), { name: 'MongoNetworkError' });

/** A store of documents by id, whose next answers may be scripted failures. */
function fakeStore(held: string[], failures: { held?: unknown[]; insert?: unknown[] } = {}) {
  const ids = new Set(held);
  const calls = { inserted: [] as string[][], droppedEntries: [] as string[] };
  const store: AppendSettling = {
    held: async (wanted) => {
      const failure = failures.held?.shift();
      if (failure) throw failure;
      return new Set(wanted.filter((id) => ids.has(id)));
    },
    insert: async (docs: Array<OutboxEntry | StoredCommit>) => {
      const failure = failures.insert?.shift();
      if (failure) throw failure;
      calls.inserted.push(docs.map((doc) => doc._id));
      for (const doc of docs) ids.add(doc._id);
    },
    dropEntry: async (id) => void calls.droppedEntries.push(id),
  };
  return { store, calls };
}

const quickly = { withinMs: 50, backoffMs: 1 };

describe('settling an append whose answer was lost', () => {
  it('given the commit in the store, then it was written, and nothing is written again', async () => {
    const { store, calls } = fakeStore([entry._id, commit._id]);
    expect(await settleAppend(store, entry, commit, quickly)).toBe('written');
    expect(calls.inserted).toEqual([]);
  });

  it('given neither document in the store, then both are written again with the same ids', async () => {
    const { store, calls } = fakeStore([]);
    expect(await settleAppend(store, entry, commit, quickly)).toBe('written');
    expect(calls.inserted).toEqual([[entry._id, commit._id]]);
  });

  it('given the entry alone (the server stopped between them), then the commit is written after it', async () => {
    const { store, calls } = fakeStore([entry._id]);
    expect(await settleAppend(store, entry, commit, quickly)).toBe('written');
    expect(calls.inserted).toEqual([[commit._id]]);
  });

  it('given another writer took the version meanwhile, then it is a conflict and the entry is dropped', async () => {
    const { store, calls } = fakeStore([], { insert: [duplicate(1, 1)] });
    expect(await settleAppend(store, entry, commit, quickly)).toBe('conflict');
    expect(calls.droppedEntries).toEqual([entry._id]);
  });

  it('given the first write landing while the second is sent, then it was written, once', async () => {
    // the entry collides: the first write is landing; the next read finds its commit
    const { store, calls } = fakeStore([], { insert: [duplicate(0, 0)] });
    const landing = store.held;
    let reads = 0;
    store.held = async (ids) => (++reads === 2 ? new Set(ids) : landing(ids));
    expect(await settleAppend(store, entry, commit, quickly)).toBe('written');
    expect(calls.inserted).toEqual([]);
  });

  it('given the store silent for a while, then it asks again until it answers', async () => {
    const { store } = fakeStore([entry._id, commit._id], { held: [dropped(), dropped()] });
    expect(await settleAppend(store, entry, commit, { withinMs: 5_000, backoffMs: 1 })).toBe('written');
  });

  it('given the store silent past the bound, then the answer says the outcome is unknown, never a failure', async () => {
    const { store } = fakeStore([], { held: Array.from({ length: 1000 }, dropped) });
    const settled = settleAppend(store, entry, commit, quickly);
    await expect(settled).rejects.toBeInstanceOf(DomainError);
    await expect(settled).rejects.toMatchObject({ code: 'unavailable', details: { outcome: 'unknown' } });
  });
});
