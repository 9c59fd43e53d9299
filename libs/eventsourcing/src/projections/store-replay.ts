import type { EventEnvelope } from '@itsm/contracts';
import { LRUCache } from 'lru-cache';
import type { Collection } from 'mongoose';
import type { MongoEventStore } from '../event-store/event-store';
import type { StoredCommit } from '../event-store/stored-commit';
import { inLanes } from '../in-lanes';
import { applyAll } from './fold-into';
import type { ProjectedFields, Projection } from './projection';
import type { ProgressListener, Replay } from './replay';

export interface StoreReplayOptions {
  /** commits read at once (default 1000) */
  batchSize?: number;
  /**
   * How far behind one writer's clock may be: commit ids are UUIDv7 stamped by their writer's
   * clock, so each phase after the first reads again from this long before where the previous
   * one stopped, for commits that landed late in id order (default 10 s).
   */
  clockSkewMs?: number;
  /** told after each batch of the first pass */
  onProgress?: ProgressListener;
}

/** Streams whose last folded sequence is remembered; a forgotten one is read from the store when met again. */
const REMEMBERED_STREAMS = 100_000;

/**
 * Replays an event store into a rebuilt read model, each stream folded in sequence order. The
 * store is read in commit-id order, which is the writers' clocks' order: a commit met before an
 * earlier commit of its stream (a writer whose clock lagged) makes the replay read that stream
 * from the store, in order; the earlier commit, met later, is then skipped.
 */
export class StoreReplay<Doc extends object> implements Replay {
  /** per stream, the last sequence folded (every event type, handled or not) */
  private readonly folded = new LRUCache<string, number>({ max: REMEMBERED_STREAMS });
  /** the newest commit id the previous phase read up to */
  private reachedId?: string;

  constructor(
    private readonly store: MongoEventStore,
    private readonly target: Collection<Doc & ProjectedFields>,
    private readonly projection: Projection<Doc>,
    private readonly options: StoreReplayOptions = {},
  ) {}

  /** Replays up to the newest commit now: writers go on meanwhile, the next phase takes the rest. */
  async catchUp(): Promise<void> {
    const head = await this.store.lastCommitId();
    if (!head) return;
    const batchSize = this.options.batchSize ?? 1000;
    let afterId = this.reachedId && idsFrom(this.reachedId, this.options.clockSkewMs ?? 10_000);
    const onProgress = this.reachedId ? undefined : this.options.onProgress;
    const progress = { done: 0, total: onProgress ? await this.store.countCommits(head) : 0 };
    for (;;) {
      const commits = await this.store.readAll(afterId, batchSize, head);
      if (commits.length === 0) break;
      await this.foldBatch(commits);
      afterId = commits[commits.length - 1]._id;
      progress.done += commits.length;
      onProgress?.({ ...progress });
    }
    this.reachedId = head;
  }

  async close(): Promise<void> {}

  /** Per stream, the batch's events that follow what was folded, in sequence order: one read and one write each. */
  private async foldBatch(commits: StoredCommit[]): Promise<void> {
    const events = new Map<string, EventEnvelope[]>();
    const fromStore = new Set<string>();
    for (const commit of commits) {
      const folded = this.folded.get(commit.streamId) ?? 0;
      if (commit.lastSequence <= folded || fromStore.has(commit.streamId)) continue;
      if (commit.sequence !== folded + 1) {
        fromStore.add(commit.streamId); // an earlier commit is still to come: read the stream in order
        continue;
      }
      events.set(commit.streamId, [...(events.get(commit.streamId) ?? []), ...this.store.flatten([commit])]);
      this.folded.set(commit.streamId, commit.lastSequence);
    }
    await inLanes([...new Set([...events.keys(), ...fromStore])], async (streamId) => {
      const gathered = events.get(streamId) ?? [];
      const stream = fromStore.has(streamId) ? [...gathered, ...(await this.readFrom(streamId))] : gathered;
      const handled = stream.filter((event) => this.projection.handles.has(event.type));
      if (handled.length > 0) await applyAll(this.target, this.projection, handled);
    });
  }

  /** The stream from what was folded on (all of it when forgotten: applies skip what the document holds). */
  private async readFrom(streamId: string): Promise<EventEnvelope[]> {
    const stream = await this.store.readStream(streamId, (this.folded.get(streamId) ?? 0) + 1);
    const last = stream.at(-1);
    if (last) this.folded.set(streamId, last.sequence);
    return stream;
  }
}

/**
 * The smallest UUIDv7 of `skewMs` before the given one's time: ids sort by their first 48 bits,
 * the writer's clock in milliseconds. An id of another shape is taken as it is.
 */
export function idsFrom(id: string, skewMs: number): string {
  const hex = id.slice(0, 8) + id.slice(9, 13);
  if (!/^[0-9a-f]{12}$/.test(hex)) return id;
  const earlier = Math.max(0, parseInt(hex, 16) - skewMs)
    .toString(16)
    .padStart(12, '0');
  return `${earlier.slice(0, 8)}-${earlier.slice(8)}-0000-0000-000000000000`;
}
