import type { Batch, Consumer } from 'kafkajs';

/** A handler keeping what it handled in memory, written in bulk by `flush`. */
export interface Buffering {
  /** whether enough is held to write it now */
  mustFlush(): boolean;
  flush(): Promise<void>;
  /** the longest a handled message waits for its flush while batches keep coming (default 5 s) */
  maxDelayMs?: number;
  /**
   * A handler reading a backlog from its beginning holds on at a partition's end too (the other
   * partitions still hold much: every flush would write again what the previous one wrote); the
   * quiet after the last batch flushes it.
   */
  holdsAtPartitionEnd?: boolean;
}

/** a quiet this long after a batch writes what is held */
const IDLE_MS = 500;

/**
 * Offsets of a consumer whose handler buffers: committed only once a flush has made what they
 * cover durable. A flush comes after a batch, within it (the member beats meanwhile), when the
 * batch reached the end of its partition (caught up: live consumption stays as fresh as before;
 * unless the handler reads a backlog, `holdsAtPartitionEnd`),
 * when the handler holds enough, or when the oldest message held has waited `maxDelayMs`; and
 * after a quiet of `IDLE_MS` (the end of a topic written in transactions is a marker that may
 * come in a batch of its own, which kafkajs does not hand over).
 */
export class BufferedCommits {
  private readonly next = new Map<string, { topic: string; partition: number; offset: string }>();
  private heldSince: number | null = null;
  private idle?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly buffering: Buffering,
    private readonly consumer: () => Consumer,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  /** After a batch was handled: whether to flush now (else a quiet will). */
  handled(batch: Batch): boolean {
    if (!batch.isEmpty()) {
      this.next.set(`${batch.topic}|${batch.partition}`, {
        topic: batch.topic,
        partition: batch.partition,
        offset: (BigInt(batch.lastOffset()) + 1n).toString(),
      });
      this.heldSince ??= Date.now();
    }
    if (this.heldSince === null) return false;
    const due =
      this.buffering.mustFlush() ||
      (batch.offsetLag() === '0' && !this.buffering.holdsAtPartitionEnd) ||
      Date.now() - this.heldSince >= (this.buffering.maxDelayMs ?? 5000);
    if (!due) this.armIdle();
    return due;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.idle);
  }

  private armIdle(): void {
    clearTimeout(this.idle);
    if (this.stopped) return;
    this.idle = setTimeout(() => {
      this.flushAndCommit().catch((error) => {
        this.onFailure(error);
        this.armIdle();
      });
    }, IDLE_MS);
  }

  /**
   * Flushes what the handler holds, then commits what it covers (read before the flush began).
   * A commit refused (the group rebalanced meanwhile) is only reported: what
   * it covered is read again by the partition's next owner, and changes nothing once flushed.
   */
  async flushAndCommit(): Promise<void> {
    clearTimeout(this.idle);
    const covered = [...this.next.values()];
    this.heldSince = null;
    await this.buffering.flush();
    if (covered.length > 0) await this.consumer().commitOffsets(covered).catch(this.onFailure);
  }
}
