import type { Producer } from 'kafkajs';
import type { Collection } from 'mongoose';
import type { MongoEventStore } from '../event-store/event-store';
import type { StoredCommit } from '../event-store/stored-commit';
import type { OutboxLease } from './outbox-lease';
import { publishableCommits } from './publishable-commits';

export interface OutboxRelayOptions {
  store: MongoEventStore;
  producer: Producer;
  lease: OutboxLease;
  topic: string;
  batchSize?: number;
  /** fallback poll for appends made by other replicas; local appends wake the relay at once */
  pollMs?: number;
  /** fault injection for tests: runs after the Kafka send and before the commits are marked */
  beforeMark?: (commits: StoredCommit[]) => Promise<void>;
  onError?: (error: Error) => void;
}

/**
 * Publishes unpublished commits to Kafka (key = streamId), then marks them published.
 * At least once: a crash between the two publishes again on restart, and consumers deduplicate.
 */
export class OutboxRelay {
  private readonly commits: Collection<StoredCommit>;
  private readonly lastPublished = new Map<string, number>();
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private unsubscribe?: () => void;

  constructor(private readonly options: OutboxRelayOptions) {
    this.commits = options.store.commits;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.options.store.onAppended(() => this.wake?.());
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.wake?.();
    await this.loop;
    await this.options.lease.release().catch(() => undefined);
  }

  /** One relay turn; returns how many commits it published. */
  async publishOnce(): Promise<number> {
    if (!(await this.options.lease.acquire())) {
      this.lastPublished.clear(); // another relay may publish meanwhile: forget what we knew
      return 0;
    }
    const batch = await this.commits
      .find({ published: false })
      .sort({ _id: 1 })
      .limit(this.options.batchSize ?? 500)
      .toArray();
    if (batch.length === 0) return 0;
    await this.learnLastPublished(batch);
    const commits = publishableCommits(batch, (streamId) => this.lastPublished.get(streamId));
    if (commits.length === 0) return 0;
    await this.options.producer.send({
      topic: this.options.topic,
      acks: -1,
      messages: commits.flatMap((commit) =>
        commit.events.map((event) => ({
          key: event.streamId,
          value: JSON.stringify(event),
          headers: { 'event-type': event.type, 'schema-version': String(event.schemaVersion), 'event-id': event.id },
        })),
      ),
    });
    await this.options.beforeMark?.(commits);
    await this.commits.updateMany({ _id: { $in: commits.map((commit) => commit._id) } }, { $set: { published: true } });
    for (const commit of commits) this.lastPublished.set(commit.streamId, commit.lastSequence);
    if (this.lastPublished.size > 100_000) this.lastPublished.clear();
    return commits.length;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      try {
        published = await this.publishOnce();
      } catch (error) {
        this.options.onError?.(error as Error);
      }
      if (published === 0 && this.running) await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.options.pollMs ?? 250);
      this.wake = done;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  /** For streams whose first unpublished commit is not their first: is its predecessor published? */
  private async learnLastPublished(batch: StoredCommit[]): Promise<void> {
    const firstUnpublished = new Map<string, number>();
    for (const commit of batch) {
      const known = firstUnpublished.get(commit.streamId);
      if (known === undefined || commit.sequence < known) firstUnpublished.set(commit.streamId, commit.sequence);
    }
    const unknown: Array<{ streamId: string; lastSequence: number }> = [];
    for (const [streamId, sequence] of firstUnpublished) {
      if (sequence === 1) this.lastPublished.set(streamId, 0);
      else if (this.lastPublished.get(streamId) !== sequence - 1)
        unknown.push({ streamId, lastSequence: sequence - 1 });
    }
    if (unknown.length === 0) return;
    const predecessors = await this.commits
      .find({ $or: unknown, published: true }, { projection: { streamId: 1, lastSequence: 1 } })
      .toArray();
    for (const { streamId, lastSequence } of predecessors) this.lastPublished.set(streamId, lastSequence);
  }
}
