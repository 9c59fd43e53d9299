import { CompressionTypes, type Producer } from 'kafkajs';
import type { OutboxLease } from './outbox-lease';
import type { OutgoingMessage } from './outbox-batches';

/** What becomes of one send. */
export type SendOutcome = 'sent' | 'too-large';

/** The broker refuses a record batch larger than the topic's `max.message.bytes`: no retry helps. */
const TOO_LARGE = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE']);

/**
 * The relay's Kafka producer, fenced by a transactional id shared by every replica of one outbox.
 * A relay makes it only once it holds the lease; making it (Kafka's InitProducerId) bumps the id's
 * epoch, which aborts the previous holder's open transaction and refuses its later sends and
 * commits (INVALID_PRODUCER_EPOCH). Each send is one transaction: read_committed consumers (the
 * kafkajs default) never see what a relay that lost its lease had sent. The lease is checked
 * again after the fence, so a relay whose lease passed on while it made its producer stands aside.
 */
export class FencedProducer {
  private producer?: Producer;
  /** a renewal during the turn found the lease taken: the relay must not send any more */
  private lost = false;

  constructor(
    private readonly make: () => Promise<Producer>,
    private readonly lease: OutboxLease,
  ) {}

  /** The producer for this turn, made (and fencing the former holder's) if need be; none without the lease. */
  async acquire(): Promise<boolean> {
    if (!(await this.lease.acquire())) {
      await this.drop();
      return false;
    }
    this.lost = false;
    if (this.producer) return true;
    const producer = await this.make();
    try {
      await (await producer.transaction()).abort(); // an empty transaction: InitProducerId, nothing sent
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
    if (!(await this.lease.acquire())) {
      await producer.disconnect().catch(() => undefined);
      return false;
    }
    this.producer = producer;
    return true;
  }

  /**
   * Runs a relay turn while renewing the lease every third of its lifetime, so that a long turn
   * (a large backlog, a slow database) keeps it; a renewal that finds it taken stops the sends.
   */
  async whileHeld<T>(turn: () => Promise<T>): Promise<T> {
    const renew = () =>
      this.lease.acquire().then(
        (held) => (this.lost ||= !held),
        () => undefined, // the database away: the next renewal or the next turn finds out
      );
    const timer = setInterval(renew, this.lease.ttlMs / 3);
    try {
      return await turn();
    } finally {
      clearInterval(timer);
    }
  }

  /**
   * Sends the messages in one transaction. A batch the broker finds too large is aborted and
   * answered 'too-large'; any other failure (fenced, broker away) drops the producer, whose
   * transaction state is no longer usable, and throws: the next turn makes a fresh one.
   */
  async send(topic: string, messages: OutgoingMessage[], beforeSend?: () => Promise<void>): Promise<SendOutcome> {
    if (this.lost) await this.drop();
    if (!this.producer) throw new Error('the outbox lease passed to another relay');
    const transaction = await this.producer.transaction();
    try {
      await beforeSend?.();
      await transaction.send({ topic, acks: -1, compression: CompressionTypes.GZIP, messages });
      await transaction.commit();
      return 'sent';
    } catch (error) {
      if (
        isTooLarge(error) &&
        (await transaction.abort().then(
          () => true,
          () => false,
        ))
      )
        return 'too-large';
      await this.drop();
      throw error;
    }
  }

  /** Lets the producer go (lease lost, relay stopping, a failed transaction). */
  async drop(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }
}

function isTooLarge(error: unknown): boolean {
  return TOO_LARGE.has((error as { type?: string } | null)?.type ?? '');
}
