import { concurrentUpsert } from '@itsm/eventsourcing';
import type { ParkedMessage, ParkedStream, StreamParking } from '@itsm/messaging';
import type { Collection, Connection } from 'mongoose';

/** A message as stored: its value in base64, so that any payload survives. */
type StoredMessage = Omit<ParkedMessage, 'value'> & { value: string | null };

interface ParkedStreamDoc {
  /** the group and the key */
  _id: string;
  group: string;
  key: string;
  topic: string;
  error: string;
  parkedAt: Date;
  messages: StoredMessage[];
  /** the messages' offsets, which an equality finds (a redelivered message is not held twice) */
  offsets: string[];
  /** messages.length, which a plain equality can compare (a replay unparks only when nothing came since) */
  count: number;
  delivered: number;
  replayBy: string | null;
  replayUntil: Date | null;
}

interface DeadLetterCountDoc {
  /** the consumer group */
  _id: string;
  count: number;
  lastAt: Date;
  lastKey: string;
  lastError: string;
}

/** What an operator reads: each group's dead letters so far, and the streams parked now. */
export interface DeadLetterReport {
  deadLetters: Array<{ group: string; count: number; lastAt: string; lastKey: string; lastError: string }>;
  parked: Array<{ group: string; key: string; topic: string; error: string; parkedAt: string; waiting: number }>;
}

/** Parked streams (`parked_streams`) and dead letters counted per group (`dead_letter_counts`), in the service's database. */
export class ParkedStreamsStore implements StreamParking {
  private readonly streams: Collection<ParkedStreamDoc>;
  private readonly counts: Collection<DeadLetterCountDoc>;

  constructor(connection: Connection) {
    this.streams = connection.collection<ParkedStreamDoc>('parked_streams');
    this.counts = connection.collection<DeadLetterCountDoc>('dead_letter_counts');
  }

  async parkedKeys(group: string): Promise<string[]> {
    const docs = await this.streams.find({ group }, { projection: { key: 1 } }).toArray();
    return docs.map((doc) => doc.key);
  }

  async park(group: string, deadLetter: ParkedMessage, error: string): Promise<void> {
    const parkedAt = new Date();
    const { upsertedCount } = await this.streams.updateOne(
      { _id: idOf(group, deadLetter.key) },
      {
        $setOnInsert: {
          group,
          key: deadLetter.key,
          topic: deadLetter.topic,
          error,
          parkedAt,
          messages: [stored(deadLetter)],
          offsets: [deadLetter.offset],
          count: 1,
          delivered: 0,
          replayBy: null,
          replayUntil: null,
        },
      },
      { upsert: true },
    );
    if (upsertedCount === 0) return; // parked by an earlier attempt: counted then
    // the group's consumers (one per partition, in several replicas) park streams side by side
    await concurrentUpsert(() =>
      this.counts.updateOne(
        { _id: group },
        { $inc: { count: 1 }, $set: { lastAt: parkedAt, lastKey: deadLetter.key, lastError: error } },
        { upsert: true },
      ),
    );
  }

  async hold(group: string, message: ParkedMessage): Promise<boolean> {
    const _id = idOf(group, message.key);
    // a message redelivered after a crash is held once (one group handles a message at a time)
    if (await this.streams.findOne({ _id, offsets: message.offset }, { projection: { _id: 1 } })) return true;
    const { matchedCount } = await this.streams.updateOne(
      { _id },
      { $push: { messages: stored(message), offsets: message.offset }, $inc: { count: 1 } },
    );
    return matchedCount === 1;
  }

  async claim(
    group: string,
    key: string,
    replayer: string,
    leaseMs: number,
  ): Promise<ParkedStream | 'busy' | undefined> {
    const _id = idOf(group, key);
    const now = new Date();
    const doc = await this.streams.findOneAndUpdate(
      { _id, $or: [{ replayBy: null }, { replayBy: replayer }, { replayUntil: { $lt: now } }] },
      { $set: { replayBy: replayer, replayUntil: new Date(now.getTime() + leaseMs) } },
      { returnDocument: 'after' },
    );
    if (doc) return { key, delivered: doc.delivered, messages: doc.messages.map(parked) };
    return (await this.streams.findOne({ _id }, { projection: { _id: 1 } })) ? 'busy' : undefined;
  }

  async delivered(group: string, key: string, count: number): Promise<void> {
    await this.streams.updateOne({ _id: idOf(group, key) }, { $set: { delivered: count } });
  }

  async unpark(group: string, key: string, count: number): Promise<boolean> {
    return (await this.streams.deleteOne({ _id: idOf(group, key), count })).deletedCount === 1;
  }

  async release(group: string, key: string, replayer: string): Promise<void> {
    await this.streams.updateOne(
      { _id: idOf(group, key), replayBy: replayer },
      { $set: { replayBy: null, replayUntil: null } },
    );
  }

  async report(): Promise<DeadLetterReport> {
    const [counts, streams] = await Promise.all([
      this.counts.find({}).sort({ _id: 1 }).toArray(),
      this.streams
        .find({}, { projection: { messages: 0 } })
        .sort({ parkedAt: 1 })
        .toArray(),
    ]);
    return {
      deadLetters: counts.map(({ _id, count, lastAt, lastKey, lastError }) => ({
        group: _id,
        count,
        lastAt: lastAt.toISOString(),
        lastKey,
        lastError,
      })),
      parked: streams.map(({ group, key, topic, error, parkedAt, count, delivered }) => ({
        group,
        key,
        topic,
        error,
        parkedAt: parkedAt.toISOString(),
        waiting: count - Math.max(1, delivered),
      })),
    };
  }
}

const idOf = (group: string, key: string): string => JSON.stringify([group, key]);

const stored = (message: ParkedMessage): StoredMessage => ({
  ...message,
  value: message.value === null ? null : message.value.toString('base64'),
});

const parked = (message: StoredMessage): ParkedMessage => ({
  ...message,
  value: message.value === null ? null : Buffer.from(message.value, 'base64'),
});
