import type { ProjectionStore } from '@itsm/eventsourcing';
import { LRUCache } from 'lru-cache';

interface Entry {
  value: Promise<unknown>;
  changes: number;
  at: number;
}

/**
 * What was read from small read models (definitions an administrator changes now and then), kept
 * in memory: read again as soon as this process applies an event to one of them, and after
 * `ttlMs` at the latest (another replica's consumer may have applied a change). Callers share
 * what is returned: read it, never change it.
 */
export class CachedReads {
  private readonly entries = new LRUCache<string, Entry>({ max: 1000 });

  constructor(
    private readonly stores: ProjectionStore<object>[],
    private readonly ttlMs = 2000,
  ) {}

  read<T>(key: string, load: () => Promise<T>): Promise<T> {
    const changes = this.stores.reduce((sum, store) => sum + store.changes, 0);
    const kept = this.entries.get(key);
    if (kept && kept.changes === changes && Date.now() - kept.at < this.ttlMs) return kept.value as Promise<T>;
    const value = load();
    this.entries.set(key, { value, changes, at: Date.now() });
    value.catch(() => this.entries.delete(key));
    return value;
  }
}
