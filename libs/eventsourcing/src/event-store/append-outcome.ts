import { setTimeout as sleep } from 'node:timers/promises';
import { DomainError } from '@itsm/domain';
import { DocumentWriteError } from './insert-batcher';
import type { OutboxEntry, StoredCommit } from './stored-commit';
import { isDuplicateKeyError } from './version-conflict.error';

/** What settling an append needs of the store: its own documents, read and written by id. */
export interface AppendSettling {
  /** which of these document ids the store holds */
  held(ids: string[]): Promise<Set<string>>;
  /** writes the documents in order: a DocumentWriteError names the refused one, any other error tells nothing */
  insert(docs: Array<OutboxEntry | StoredCommit>): Promise<void>;
  /** drops an entry whose commit was refused */
  dropEntry(id: string): Promise<void>;
}

export interface SettleOptions {
  /** how long the store may stay silent before the outcome is answered unknown (default 10 s) */
  withinMs?: number;
  backoffMs?: number;
}

/**
 * An append whose answer was lost (the connection dropped after sending) may have landed or not.
 * The writer finds out before answering: its commit's id in the store means it landed; absent, the
 * same documents are written again (same ids, so that a late landing of the first write collides
 * instead of doubling). `conflict`: another writer took the version meanwhile. When the store stays
 * silent past `withinMs`, the answer says the outcome is unknown rather than guess it.
 */
export async function settleAppend(
  store: AppendSettling,
  entry: OutboxEntry,
  commit: StoredCommit,
  { withinMs = 10_000, backoffMs = 100 }: SettleOptions = {},
): Promise<'written' | 'conflict'> {
  const deadline = Date.now() + withinMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const outcome = await writeOrFind(store, entry, commit);
      if (outcome !== 'landed-meanwhile') return outcome;
    } catch (error) {
      if (error instanceof DocumentWriteError) throw error; // refused for a reason of its own: final
    }
    if (Date.now() >= deadline) break;
    await sleep(Math.min(2000, backoffMs * 2 ** attempt));
  }
  throw new DomainError(
    'unavailable',
    'the event store stopped answering during the write: whether it was done is unknown; try again with the same Idempotency-Key',
    { details: { outcome: 'unknown' }, retryAfterSeconds: 5 },
  );
}

async function writeOrFind(
  store: AppendSettling,
  entry: OutboxEntry,
  commit: StoredCommit,
): Promise<'written' | 'conflict' | 'landed-meanwhile'> {
  const held = await store.held([entry._id, commit._id]);
  if (held.has(commit._id)) return 'written';
  const docs = held.has(entry._id) ? [commit] : [entry, commit];
  try {
    await store.insert(docs);
    return 'written';
  } catch (error) {
    if (!(error instanceof DocumentWriteError) || !isDuplicateKeyError(error)) throw error;
    // the entry collided: the first write landed it meanwhile, and maybe its commit too
    if (docs[error.position] !== commit) return 'landed-meanwhile';
    // the commit collided: with itself (it landed meanwhile), or with another writer's
    if ((await store.held([commit._id])).has(commit._id)) return 'written';
    await store.dropEntry(entry._id).catch(() => undefined);
    return 'conflict';
  }
}
