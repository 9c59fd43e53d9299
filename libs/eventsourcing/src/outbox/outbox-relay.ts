import type { Producer } from 'kafkajs';
import type { Collection } from 'mongoose';
import type { MongoEventStore } from '../event-store/event-store';
import { commitOf, type StoredCommitDoc } from '../event-store/commit-encoding';
import type { OutboxEntry, OutboxGroup, ParkedEntry, ParkedReason, StoredCommit } from '../event-store/stored-commit';
import { inLanes } from '../in-lanes';
import { FencedProducer } from './fenced-producer';
import type { OutboxLease } from './outbox-lease';
import { byteBoundedBatches, outgoingCommit, type OutgoingCommit } from './outbox-batches';
import { publishableCommits } from './publishable-commits';

export interface OutboxRelayOptions {
  store: MongoEventStore;
  lease: OutboxLease;
  topic: string;
  /**
   * Makes a connected transactional producer, with the one transactional id of this outbox (see
   * FencedProducer). The relay makes one each time it takes the lease, and after a failed send.
   */
  newProducer: () => Promise<Producer>;
  /** outbox entries read per turn (default 500; an entry of a group insert names up to 500 commits) */
  batchSize?: number;
  /**
   * Bound of one send, uncompressed (default 900,000 bytes): keep it below the topic's
   * `max.message.bytes` (Kafka's default 1,048,588). A turn's commits go in as many sends as needed.
   */
  maxBatchBytes?: number;
  /** fallback poll for appends made by other replicas; local appends wake the relay at once */
  pollMs?: number;
  /**
   * How long an entry may wait for its commit, from when this relay first saw it without one,
   * before it is parked (so that it no longer fills batches); it is never dropped on time alone.
   * Default 60 s.
   */
  parkAfterMs?: number;
  /** how often parked entries whose commit was late are looked at again (default 5 s) */
  recheckParkedMs?: number;
  /** fault injection for tests: runs in the send's transaction, before the messages go (a slow send) */
  beforeSend?: (commits: StoredCommit[]) => Promise<void>;
  /** fault injection for tests: runs after the Kafka send and before the entries are deleted */
  beforeMark?: (commits: StoredCommit[]) => Promise<void>;
  onError?: (error: Error) => void;
  /** an entry set aside: a commit too large for the topic needs a person (error level) */
  onParked?: (entry: OutboxEntry, reason: ParkedReason, detail: string) => void;
}

/**
 * Publishes the commits of the outbox entries to Kafka (key = streamId), then deletes the entries.
 * At least once: a crash between the two publishes again on restart, and consumers deduplicate.
 * The commits themselves are never rewritten: publishing costs the store small writes only.
 */
export class OutboxRelay {
  private readonly store: MongoEventStore;
  private readonly commits: Collection<StoredCommitDoc>;
  private readonly producer: FencedProducer;
  /** last sequence this relay published per stream, while it holds the lease */
  private readonly publishedUpTo = new Map<string, number>();
  /**
   * commits of group entries this relay published, dropped or parked while it holds the lease: a
   * group entry stays until it is done with all of them, and they are not sent again meanwhile
   */
  private readonly doneInGroups = new Set<string>();
  /** entries seen without their commit, and since when (this relay's clock: ids carry the writer's) */
  private readonly waitingSince = new Map<string, number>();
  private legacyAdopted = false;
  private parkedCheckedAt = 0;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private unsubscribe?: () => void;

  constructor(private readonly options: OutboxRelayOptions) {
    this.store = options.store;
    this.commits = options.store.commits;
    this.producer = new FencedProducer(options.newProducer, options.lease);
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
    await this.producer.drop();
    await this.options.lease.release().catch(() => undefined);
  }

  /** One relay turn; returns how many commits it published. */
  async publishOnce(): Promise<number> {
    if (!(await this.producer.acquire())) {
      this.publishedUpTo.clear(); // another relay may publish meanwhile
      this.waitingSince.clear();
      this.doneInGroups.clear();
      return 0;
    }
    return this.producer.whileHeld(() => this.turn());
  }

  private async turn(): Promise<number> {
    if (!this.legacyAdopted) {
      await this.store.migrateOnce('outbox-entries', () => this.adoptLegacyUnpublished());
      this.legacyAdopted = true;
    }
    await this.recheckParked();
    const batchSize = this.options.batchSize ?? 500;
    // entries of a commit each, or of a group insert's commits: as many commits as they name, but
    // those this relay is done with (their group entry waits for others: read, they would fill the turn)
    const { entries, full, groups } = await this.store.pendingBatch(batchSize, this.doneInGroups);
    let published = 0;
    if (entries.length > 0) {
      const held = await this.streamsWithOlderEntries(entries, full);
      const commits = publishableCommits(await this.commitsOf(entries, held), held);
      if (commits.length > 0) published = await this.publish(commits.map(outgoingCommit), entries);
    }
    await this.settleGroups(groups);
    return published;
  }

  /** Notes the commits of group entries this relay is done with. */
  private doneWith(entries: OutboxEntry[]): void {
    if (this.doneInGroups.size > 100_000) this.doneInGroups.clear(); // sent again at worst
    for (const entry of entries) if (entry.group) this.doneInGroups.add(entry.commit.id);
  }

  /** Deletes the group entries read whose every commit this relay is done with. */
  private async settleGroups(groups: OutboxGroup[]): Promise<void> {
    const done = groups.filter((group) => group.commits.every(({ id }) => this.doneInGroups.has(id)));
    if (done.length === 0) return;
    await this.store.deleteGroups(done.map((group) => group.id));
    for (const group of done) for (const { id } of group.commits) this.doneInGroups.delete(id);
  }

  /**
   * Sends the commits in byte-bounded batches, each marked published once Kafka took it. A batch
   * the broker finds too large is halved; a commit too large alone is parked, and the later
   * commits of its stream wait behind it. The other streams go on.
   */
  private async publish(commits: OutgoingCommit[], entries: OutboxEntry[]): Promise<number> {
    const queue = byteBoundedBatches(commits, this.options.maxBatchBytes ?? 900_000);
    const parkedNow = new Set<string>();
    let published = 0;
    for (let batch = queue.shift(); batch; batch = queue.shift()) {
      const sendable = batch.filter(({ commit }) => !parkedNow.has(commit.streamId));
      if (sendable.length === 0) continue;
      const sent = sendable.map(({ commit }) => commit);
      const outcome = await this.producer.send(
        this.options.topic,
        sendable.flatMap(({ messages }) => messages),
        this.options.beforeSend && (() => this.options.beforeSend!(sent)),
      );
      if (outcome === 'sent') {
        await this.markPublished(sent, entries);
        published += sent.length;
      } else if (sendable.length > 1) {
        const half = Math.ceil(sendable.length / 2);
        queue.unshift(sendable.slice(0, half), sendable.slice(half));
      } else {
        const [{ commit, bytes }] = sendable;
        const entry = entries.find((candidate) => candidate.commit.id === commit._id)!;
        await this.park([entry], 'too-large', `${commit.events.length} events, ${bytes} bytes before compression`);
        parkedNow.add(commit.streamId);
      }
    }
    return published;
  }

  private async markPublished(commits: StoredCommit[], entries: OutboxEntry[]): Promise<void> {
    await this.options.beforeMark?.(commits);
    const published = new Set(commits.map((commit) => commit._id));
    const sent = entries.filter((entry) => published.has(entry.commit.id));
    await this.store.deleteEntries(sent);
    this.doneWith(sent);
    for (const commit of commits) {
      this.publishedUpTo.set(commit.streamId, commit.lastSequence);
      this.store.forgetAppended(commit._id);
    }
    if (this.publishedUpTo.size > 100_000) this.publishedUpTo.clear();
    if (this.waitingSince.size > 10_000) this.waitingSince.clear(); // entries deleted by their writers
  }

  /** Sets entries aside, after making sure the lease is still this relay's (another may have taken over). */
  private async park(entries: OutboxEntry[], reason: ParkedReason, detail: string): Promise<void> {
    if (entries.length === 0) return;
    if (!(await this.producer.acquire())) throw new Error('the outbox lease passed to another relay');
    await this.store.parkEntries(entries, reason, detail);
    this.doneWith(entries);
    for (const entry of entries) {
      this.waitingSince.delete(entry._id);
      (this.options.onParked ?? reportParked)(entry, reason, detail);
    }
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
   * entry without its commit is either still being appended (its stream is held), or can never
   * have one because another commit holds its place (it is deleted); one that waits too long is
   * parked, its stream held behind it.
   */
  private async commitsOf(entries: OutboxEntry[], held: Set<string>): Promise<StoredCommit[]> {
    const found: StoredCommit[] = [];
    const missing: OutboxEntry[] = [];
    for (const entry of entries) {
      const appended = this.store.appendedCommit(entry.commit.id);
      if (appended) found.push(appended);
      // its write is under way here: it wakes the relay once done, a read now would find nothing to gain
      else if (this.store.isAppending(entry.commit.id)) held.add(entry.commit.streamId);
      else missing.push(entry);
    }
    const orphans: OutboxEntry[] = [];
    const late: OutboxEntry[] = [];
    // by `_id` equality each, a few at once: FerretDB pushes that down, it would scan for a `$in`
    await inLanes(missing, async (entry) => {
      const commit = await this.commits.findOne({ _id: entry.commit.id });
      if (commit) return void found.push(commitOf(commit));
      if ((await this.placeOf(entry)) === 'taken') return void orphans.push(entry);
      held.add(entry.commit.streamId);
      if (this.waitedTooLong(entry)) late.push(entry);
    });
    await this.store.deleteEntries(orphans);
    this.doneWith(orphans);
    await this.park(late, 'no-commit-yet', `no commit after ${this.options.parkAfterMs ?? 60_000} ms`);
    for (const { _id } of orphans) this.waitingSince.delete(_id);
    const landed = new Set(found.map((commit) => commit._id));
    for (const entry of entries) if (landed.has(entry.commit.id)) this.waitingSince.delete(entry._id);
    return found;
  }

  /** Whether another commit took the entry's place in its stream (a lost version race): then its own never comes. */
  private async placeOf(entry: Pick<OutboxEntry, 'commit'>): Promise<'taken' | 'landed' | 'free'> {
    const { id, streamId, sequence } = entry.commit;
    const holder = await this.commits.findOne({ streamId, sequence }, { projection: { _id: 1 } });
    if (!holder) return 'free';
    return holder._id === id ? 'landed' : 'taken';
  }

  private waitedTooLong(entry: OutboxEntry): boolean {
    const since = this.waitingSince.get(entry._id) ?? Date.now();
    this.waitingSince.set(entry._id, since);
    return Date.now() - since > (this.options.parkAfterMs ?? 60_000);
  }

  /** Every few seconds: a parked entry whose commit has landed goes back to the outbox; one whose place was taken goes. */
  private async recheckParked(): Promise<void> {
    if (Date.now() - this.parkedCheckedAt < (this.options.recheckParkedMs ?? 5_000)) return;
    this.parkedCheckedAt = Date.now();
    const waiting = (await this.store.parkedEntries()).filter((entry) => entry.parked.reason === 'no-commit-yet');
    const landed: string[] = [];
    const orphans: ParkedEntry[] = [];
    await inLanes(waiting, async (entry) => {
      const place = await this.placeOf(entry);
      if (place === 'landed') landed.push(entry.commit.id);
      else if (place === 'taken') orphans.push(entry);
    });
    if (landed.length > 0) await this.store.releaseParked(landed);
    await this.store.deleteEntries(orphans);
  }

  /**
   * Streams of the batch that may have an older entry outside it, pending (in a full batch) or
   * parked. Streams that start in the batch, or that this relay published up to just before it,
   * have none; the others are looked up.
   */
  private async streamsWithOlderEntries(entries: OutboxEntry[], full: boolean): Promise<Set<string>> {
    const lowest = new Map<string, number>();
    for (const { streamId, sequence } of entries.map((entry) => entry.commit))
      lowest.set(streamId, Math.min(sequence, lowest.get(streamId) ?? sequence));
    const unknown = [...lowest].filter(
      ([streamId, sequence]) => sequence > 1 && this.publishedUpTo.get(streamId) !== sequence - 1,
    );
    if (unknown.length === 0) return new Set();
    const parked = new Set((await this.store.parkedEntries()).map((entry) => entry.commit.streamId));
    const pending = full ? await this.store.lowestPendingSequences(this.doneInGroups) : new Map<string, number>();
    const older = ([streamId, sequence]: [string, number]) =>
      parked.has(streamId) || (pending.get(streamId) ?? sequence) < sequence;
    return new Set(unknown.filter(older).map(([streamId]) => streamId));
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

function reportToStderr(error: Error): void {
  process.stderr.write(
    `${JSON.stringify({ level: 'error', msg: 'outbox relay turn failed', error: error.message })}\n`,
  );
}

function reportParked(entry: OutboxEntry, reason: ParkedReason, detail: string): void {
  const { id, streamId, sequence } = entry.commit;
  const level = reason === 'too-large' ? 'error' : 'warn';
  process.stderr.write(
    `${JSON.stringify({ level, msg: 'outbox entry parked', reason, detail, commitId: id, streamId, sequence })}\n`,
  );
}
