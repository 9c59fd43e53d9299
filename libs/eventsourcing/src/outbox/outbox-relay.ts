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
  /** last sequence this relay published per stream, while it holds the lease */
  private readonly publishedUpTo = new Map<string, number>();
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
      this.publishedUpTo.clear(); // another relay may publish meanwhile
      return 0;
    }
    const batchSize = this.options.batchSize ?? 500;
    const batch = await this.commits
      .find({ published: false })
      .sort({ _id: 1 })
      .limit(batchSize)
      .batchSize(batchSize)
      .toArray();
    if (batch.length === 0) return 0;
    // a full batch may have left out an older unpublished commit of one of its streams
    const held = batch.length === batchSize ? await this.streamsWithOlderUnpublished(batch) : new Set<string>();
    const commits = publishableCommits(batch, held);
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
    await this.markPublished(commits);
    for (const commit of commits) this.publishedUpTo.set(commit.streamId, commit.lastSequence);
    if (this.publishedUpTo.size > 100_000) this.publishedUpTo.clear();
    return commits.length;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      try {
        published = await this.publishOnce();
      } catch (error) {
        // the turn is retried after the idle wait; the error is reported, never swallowed
        (this.options.onError ?? reportToStderr)(error as Error);
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

  // One updateOne by _id at a time per lane: FerretDB 1.24 pushes `_id` equality down to its
  // storage, while an updateMany with $in scans the collection and a large bulkWrite hangs it.
  /**
   * One write for the whole batch. `published: false` comes first on purpose: FerretDB pushes that
   * equality down to PostgreSQL and filters the few unpublished commits by id itself (it would scan
   * the whole collection for a bare `$in`); MongoDB uses the `_id` index either way.
   */
  private async markPublished(commits: StoredCommit[]): Promise<void> {
    await this.commits.updateMany(
      { published: false, _id: { $in: commits.map((commit) => commit._id) } },
      { $set: { published: true } },
    );
  }

  /**
   * Streams of a full batch that may have an older unpublished commit outside it. Streams this
   * relay published up to just before the batch are known; the others are asked one by one, by
   * equality (which FerretDB pushes down, unlike $in).
   */
  private async streamsWithOlderUnpublished(batch: StoredCommit[]): Promise<Set<string>> {
    const lowest = new Map<string, number>();
    for (const { streamId, sequence } of batch)
      lowest.set(streamId, Math.min(sequence, lowest.get(streamId) ?? sequence));
    const unknown = [...lowest].filter(
      ([streamId, sequence]) => sequence > 1 && this.publishedUpTo.get(streamId) !== sequence - 1,
    );
    const held = new Set<string>();
    const lanes = 8;
    await Promise.all(
      Array.from({ length: lanes }, async (_, lane) => {
        for (let i = lane; i < unknown.length; i += lanes) {
          const [streamId, sequence] = unknown[i];
          const older = await this.commits.findOne(
            { streamId, published: false, sequence: { $lt: sequence } },
            { projection: { _id: 1 } },
          );
          if (older) held.add(streamId);
        }
      }),
    );
    return held;
  }
}

function reportToStderr(error: Error): void {
  process.stderr.write(
    `${JSON.stringify({ level: 'error', msg: 'outbox relay turn failed', error: error.message })}\n`,
  );
}
