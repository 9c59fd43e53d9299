import { LRUCache } from 'lru-cache';
import type { LoadedAggregate } from './handle-command';

export interface RecentAggregatesOptions {
  /** at most this many states (default 10,000) */
  capacity?: number;
  /** and at most about this many bytes of them (default 64 MB): a computer's state with its composition is ~250 KB */
  maxBytes?: number;
}

/**
 * The states this process's commands left their streams in, the most recent ones (bounded by
 * count and by their approximate size: 10,000 small tickets or a few hundred computers with their
 * inventories). A load then asks only for what was appended since (one query, usually answering
 * nothing) and folds it on: the stream's current state whoever wrote last, without the snapshot
 * read. States are never changed in place (deciders are pure), so they are kept as they are.
 */
export class RecentAggregates {
  private readonly states: LRUCache<string, LoadedAggregate<unknown>>;

  constructor({ capacity = 10_000, maxBytes = 64 * 2 ** 20 }: RecentAggregatesOptions = {}) {
    this.states = new LRUCache({
      max: capacity,
      maxSize: maxBytes,
      sizeCalculation: (aggregate) => Math.max(1, approximateSize(aggregate.state)),
    });
  }

  get<State>(streamId: string): LoadedAggregate<State> | undefined {
    return this.states.get(streamId) as LoadedAggregate<State> | undefined;
  }

  remember<State>(streamId: string, aggregate: LoadedAggregate<State>): void {
    this.states.set(streamId, aggregate);
  }

  /** how many states are kept (tests) */
  get size(): number {
    return this.states.size;
  }
}

/**
 * Roughly how many bytes a state takes in the heap: texts two bytes a character, a number or
 * flag eight, each object, array or property a few words. One pass, no serialisation.
 */
export function approximateSize(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return 16 + 2 * value.length;
    case 'number':
    case 'boolean':
      return 8;
    case 'object': {
      if (value === null) return 8;
      if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + 8 + approximateSize(item), 32);
      let size = 32;
      for (const key in value) size += 16 + approximateSize((value as Record<string, unknown>)[key]);
      return size;
    }
    default:
      return 8;
  }
}
