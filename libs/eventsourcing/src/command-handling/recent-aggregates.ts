import { LRUCache } from 'lru-cache';
import type { LoadedAggregate } from './handle-command';

/**
 * The states this process's commands left their streams in, the most recent ones (bounded). A
 * load then asks only for what was appended since (one query, usually answering nothing) and folds it on: the
 * stream's current state whoever wrote last, without the snapshot read. States are never changed
 * in place (deciders are pure), so they are kept as they are.
 */
export class RecentAggregates {
  private readonly states: LRUCache<string, LoadedAggregate<unknown>>;

  constructor(capacity = 10_000) {
    this.states = new LRUCache({ max: capacity });
  }

  get<State>(streamId: string): LoadedAggregate<State> | undefined {
    return this.states.get(streamId) as LoadedAggregate<State> | undefined;
  }

  remember<State>(streamId: string, aggregate: LoadedAggregate<State>): void {
    this.states.set(streamId, aggregate);
  }
}
