import { eventMessage } from '@itsm/messaging';
import type { Producer } from 'kafkajs';
import type { Collection } from 'mongoose';
import type { MongoEventStore } from '../event-store/event-store';
import type { OutboxEntry, StoredCommit } from '../event-store/stored-commit';
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
  /**
   * How long an outbox entry may wait for its commit, from when this relay first saw it without
   * one, before it is taken for an append that never landed. Default 60 s.
   */
  orphanAfterMs?: number;
  /** fault injection for tests: runs after the Kafka send and before the entries are deleted */
  beforeMark?: (commits: StoredCommit[]) => Promise<void>;
  onError?: (error: Error) => void;
  /**
   * Makes a fresh connected producer. A producer refused `recreateAfterFailures` times in a row
   * (an idempotent producer can stay fenced after the broker restarts) is replaced by one from it.
   */
  newProducer?: () => Promise<Producer>;
  /** default 5 */
  recreateAfterFailures?: number;
}

/** Reads at once, by `_id` equality each: FerretDB pushes that down, it would scan for a `$in`. */
const LANES = 8;

/**
 * Publishes the commits of the outbox entries to Kafka (key = streamId), then deletes the entries.
 * At least once: a crash between the two publishes again on restart, and consumers deduplicate.
 * The commits themselves are never rewritten: publishing costs the store small writes only.
 */
export class OutboxRelay {
  private readonly store: MongoEventStore;
  private readonly commits: Collection<StoredCommit>;
  /** last sequence this relay published per stream, while it holds the lease */
  private readonly publishedUpTo = new Map<string, number>();
  /** entries seen without their commit, and since when (this relay's clock: ids carry the writer's) */
  private readonly waitingSince = new Map<string, number>();
  private legacyAdopted = false;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private unsubscribe?: () => void;
  private producer: Producer;
  private failedSends = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.store = options.store;
    this.commits = options.store.commits;
    this.producer = options.producer;
  }

  /** The producer publishing now (another after a replacement); whoever stops the relay disconnects it. */
  currentProducer(): Producer {
    return this.producer;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.options.store.onAppended(() => this.wake?.());
    this.loop = this.run();
  }

  /** Publishes what the last commands appended once more, so a drained replica leaves nothing behind. */
  async stop(): Promise<void> {
    const wasRunning = this.running;
    this.running = false;
    this.unsubscribe?.();
    this.wake?.();
    await this.loop;
    if (wasRunning) await this.publishOnce().catch((error: Error) => this.options.onError?.(error));
    await this.options.lease.release().catch(() => undefined);
  }

  /** One relay turn; returns how many commits it published. */
  async publishOnce(): Promise<number> {
    if (!(await this.options.lease.acquire())) {
      this.publishedUpTo.clear(); // another relay may publish meanwhile
      this.waitingSince.clear();
      return 0;
    }
    if (!this.legacyAdopted) {
      await this.store.migrateOnce('outbox-entries', () => this.adoptLegacyUnpublished());
      this.legacyAdopted = true;
    }
    const batchSize = this.options.batchSize ?? 500;
    const entries = await this.store.pendingEntries(batchSize);
    if (entries.length === 0) return 0;
    // a full batch may have left out an older entry of one of its streams
    const held = entries.length === batchSize ? await this.streamsWithOlderEntries(entries) : new Set<string>();
    const commits = publishableCommits(await this.commitsOf(entries, held), held);
    if (commits.length === 0) return 0;
    await this.send(commits);
    await this.options.beforeMark?.(commits);
    const published = new Set(commits.map((commit) => commit._id));
    await this.store.deleteEntries(entries.filter((entry) => published.has(entry.commit.id)));
    for (const commit of commits) {
      this.publishedUpTo.set(commit.streamId, commit.lastSequence);
      this.store.forgetAppended(commit._id);
    }
    if (this.publishedUpTo.size > 100_000) this.publishedUpTo.clear();
    if (this.waitingSince.size > 10_000) this.waitingSince.clear(); // entries deleted by their writers
    return commits.length;
  }

  private async send(commits: StoredCommit[]): Promise<void> {
    try {
      await this.sendWith(this.producer, commits);
      this.failedSends = 0;
    } catch (error) {
      await this.replaceProducerAfterRepeatedFailures();
      throw error;
    }
  }

  private async replaceProducerAfterRepeatedFailures(): Promise<void> {
    if (!this.options.newProducer || ++this.failedSends < (this.options.recreateAfterFailures ?? 5)) return;
    this.failedSends = 0;
    const refused = this.producer;
    this.producer = await this.options.newProducer();
    await refused.disconnect().catch(() => undefined);
  }

  private async sendWith(producer: Producer, commits: StoredCommit[]): Promise<void> {
    await producer.send({
      topic: this.options.topic,
      acks: -1,
      messages: commits.flatMap((commit) => commit.events.map(eventMessage)),
    });
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

  /**
   * The entries' commits: those this process appended from memory, the others read by id. An
   * entry without its commit is either still being appended (its stream is held for this turn)
   * or will never have one: then it is deleted.
   */
  private async commitsOf(entries: OutboxEntry[], held: Set<string>): Promise<StoredCommit[]> {
    const found: StoredCommit[] = [];
    const missing: OutboxEntry[] = [];
    for (const entry of entries) {
      const appended = this.store.appendedCommit(entry.commit.id);
      if (appended) found.push(appended);
      else missing.push(entry);
    }
    const orphans: OutboxEntry[] = [];
    await inLanes(missing, async (entry) => {
      const commit = await this.commits.findOne({ _id: entry.commit.id });
      if (commit) found.push(commit);
      else if (await this.isOrphan(entry)) orphans.push(entry);
      else held.add(entry.commit.streamId);
    });
    await this.dropOrphans(orphans);
    const landed = new Set(found.map((commit) => commit._id));
    for (const entry of entries) if (landed.has(entry.commit.id)) this.waitingSince.delete(entry._id);
    return found;
  }

  /** Deletes the entries, then gives back its entry to any commit that landed after all meanwhile. */
  private async dropOrphans(orphans: OutboxEntry[]): Promise<void> {
    if (orphans.length === 0) return;
    await this.store.deleteEntries(orphans);
    const late = await Promise.all(orphans.map((entry) => this.commits.findOne({ _id: entry.commit.id })));
    await this.store.addEntries(late.filter((commit) => commit !== null));
    for (const { _id } of orphans) this.waitingSince.delete(_id);
  }

  /** Another commit took the entry's place in its stream (a lost version race), or it waited too long. */
  private async isOrphan(entry: OutboxEntry): Promise<boolean> {
    const { id, streamId, sequence } = entry.commit;
    const taken = await this.commits.findOne({ streamId, sequence }, { projection: { _id: 1 } });
    if (taken) return taken._id !== id; // the same id: it has just landed, next turn takes it
    const since = this.waitingSince.get(entry._id) ?? Date.now();
    this.waitingSince.set(entry._id, since);
    return Date.now() - since > (this.options.orphanAfterMs ?? 60_000);
  }

  /**
   * Streams of a full batch that may have an older entry outside it. Streams this relay published
   * up to just before the batch are known; the others are asked one by one, by equality.
   */
  private async streamsWithOlderEntries(entries: OutboxEntry[]): Promise<Set<string>> {
    const lowest = new Map<string, number>();
    for (const { streamId, sequence } of entries.map((entry) => entry.commit))
      lowest.set(streamId, Math.min(sequence, lowest.get(streamId) ?? sequence));
    const unknown = [...lowest].filter(
      ([streamId, sequence]) => sequence > 1 && this.publishedUpTo.get(streamId) !== sequence - 1,
    );
    const held = new Set<string>();
    await inLanes(unknown, async ([streamId, sequence]) => {
      if (await this.store.hasEntryBefore(streamId, sequence)) held.add(streamId);
    });
    return held;
  }

  /**
   * Stores written before the outbox had its collection flagged unpublished commits with
   * `published: false`: those become entries (once per store), and lose the flag.
   */
  private async adoptLegacyUnpublished(): Promise<void> {
    const legacy = await this.commits
      .find({ published: false }, { projection: { _id: 1, streamId: 1, sequence: 1 } })
      .toArray();
    if (legacy.length === 0) return;
    await this.store.addEntries(legacy);
    const adopted = legacy.map((commit) => commit._id);
    await this.commits.updateMany({ published: false, _id: { $in: adopted } }, { $unset: { published: '' } });
  }
}

async function inLanes<Item>(items: Item[], work: (item: Item) => Promise<void>): Promise<void> {
  await Promise.all(
    Array.from({ length: Math.min(LANES, items.length) }, async (_, lane) => {
      for (let i = lane; i < items.length; i += LANES) await work(items[i]);
    }),
  );
}

function reportToStderr(error: Error): void {
  process.stderr.write(
    `${JSON.stringify({ level: 'error', msg: 'outbox relay turn failed', error: error.message })}\n`,
  );
}
