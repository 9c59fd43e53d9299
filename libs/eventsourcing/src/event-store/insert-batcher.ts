import type { Collection } from 'mongoose';

interface Pending<Doc> {
  docs: Doc[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface InsertBatcherOptions {
  /** inserts on their way at once; what comes meanwhile waits and goes in the next batch */
  maxInFlight?: number;
  /** callers per insertMany */
  maxBatch?: number;
}

/**
 * Group commit for one collection. A caller's documents go out at once while fewer than
 * `maxInFlight` writes are on their way; those asked for meanwhile go together in one ordered
 * `insertMany`, which FerretDB (and MongoDB) takes for little more than one insert. Ordered, so
 * each caller's documents are written in the order given (an outbox entry before its commit).
 * Each caller gets its own outcome: when the server refuses a document, the callers before it are
 * done, its caller gets a DocumentWriteError, and the callers after it are sent again.
 */
export class InsertBatcher<Doc extends object> {
  private readonly queue: Pending<Doc>[] = [];
  private inFlight = 0;
  private readonly maxInFlight: number;
  private readonly maxBatch: number;

  constructor(
    private readonly collection: Pick<Collection<Doc>, 'insertMany'>,
    options: InsertBatcherOptions = {},
  ) {
    this.maxInFlight = options.maxInFlight ?? 1;
    this.maxBatch = options.maxBatch ?? 100;
  }

  /**
   * Writes the documents in this order. On a DocumentWriteError, the documents before its
   * `position` are written and those after it are not; on any other error nothing is known.
   */
  insert(docs: Doc[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ docs, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      void this.write(batch).finally(() => {
        this.inFlight--;
        this.drain();
      });
    }
  }

  private async write(batch: Pending<Doc>[]): Promise<void> {
    let waiting = batch;
    while (waiting.length > 0) {
      try {
        await this.collection.insertMany(waiting.flatMap((pending) => pending.docs) as never[], { ordered: true });
        for (const pending of waiting) pending.resolve();
        return;
      } catch (error) {
        waiting = settleUpTo(waiting, error);
      }
    }
  }
}

/** Settles the callers up to the refused document's; returns those after it, still to write. */
function settleUpTo<Doc>(batch: Pending<Doc>[], error: unknown): Pending<Doc>[] {
  const refused = firstWriteError(error);
  if (!refused) {
    for (const pending of batch) pending.reject(error); // the connection dropped: outcomes unknown
    return [];
  }
  let start = 0;
  for (const [index, pending] of batch.entries()) {
    if (refused.index < start + pending.docs.length) {
      pending.reject(new DocumentWriteError(refused, refused.index - start));
      return batch.slice(index + 1);
    }
    pending.resolve();
    start += pending.docs.length;
  }
  return [];
}

interface IndexedWriteError {
  index: number;
  code?: number;
  errmsg?: string;
}

/** One refused document, with the server's code (11000: a duplicate key). */
export class DocumentWriteError extends Error {
  readonly code?: number;

  /** `position`: the document's place among its caller's documents */
  constructor(
    writeError: IndexedWriteError,
    readonly position: number,
  ) {
    super(writeError.errmsg ?? `insert failed with code ${writeError.code}`);
    this.name = 'DocumentWriteError';
    this.code = writeError.code;
  }
}

/** An ordered insert stops at its first refused document. */
function firstWriteError(error: unknown): IndexedWriteError | undefined {
  const found = (error as { writeErrors?: unknown } | null)?.writeErrors;
  if (found === undefined || found === null) return undefined;
  const list = (Array.isArray(found) ? found : [found]) as IndexedWriteError[];
  if (list.length === 0 || !list.every((entry) => typeof entry.index === 'number')) return undefined;
  return list.reduce((first, entry) => (entry.index < first.index ? entry : first));
}
