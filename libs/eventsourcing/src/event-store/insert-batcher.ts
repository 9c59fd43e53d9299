import type { Collection } from 'mongoose';

interface Pending<Doc> {
  doc: Doc;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface InsertBatcherOptions {
  /** inserts on their way at once; what comes meanwhile waits and goes in the next batch */
  maxInFlight?: number;
  /** documents per insertMany */
  maxBatch?: number;
}

/**
 * Group commit for one collection. An insert goes out at once while fewer than `maxInFlight` are
 * on their way; those asked for meanwhile go together in one unordered `insertMany`, which
 * FerretDB (and MongoDB) takes for little more than one insert. Each caller gets its own outcome:
 * a duplicate key fails its document alone. A lone caller waits for nothing.
 */
export class InsertBatcher<Doc extends object> {
  private readonly queue: Pending<Doc>[] = [];
  private inFlight = 0;
  private readonly maxInFlight: number;
  private readonly maxBatch: number;

  constructor(
    private readonly collection: Pick<Collection<Doc>, 'insertOne' | 'insertMany'>,
    options: InsertBatcherOptions = {},
  ) {
    this.maxInFlight = options.maxInFlight ?? 2;
    this.maxBatch = options.maxBatch ?? 200;
  }

  insert(doc: Doc): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ doc, resolve, reject });
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
    try {
      if (batch.length === 1) await this.collection.insertOne(batch[0].doc as never);
      else await this.collection.insertMany(batch.map((pending) => pending.doc) as never[], { ordered: false });
      for (const pending of batch) pending.resolve();
    } catch (error) {
      settleEach(batch, error);
    }
  }
}

/**
 * Documents named in the error's write errors failed alone; the others of an unordered batch
 * landed. Any other error (the connection dropped) leaves every outcome unknown: all fail.
 */
function settleEach<Doc>(batch: Pending<Doc>[], error: unknown): void {
  const writeErrors = batch.length > 1 ? writeErrorsOf(error) : undefined;
  if (!writeErrors) {
    for (const pending of batch) pending.reject(error);
    return;
  }
  const failed = new Map(writeErrors.map((writeError) => [writeError.index, writeError]));
  batch.forEach((pending, index) => {
    const writeError = failed.get(index);
    if (writeError) pending.reject(new DocumentWriteError(writeError));
    else pending.resolve();
  });
}

interface IndexedWriteError {
  index: number;
  code?: number;
  errmsg?: string;
}

/** One document's failure in a batch, with the server's code (11000: a duplicate key). */
export class DocumentWriteError extends Error {
  readonly code?: number;

  constructor(writeError: IndexedWriteError) {
    super(writeError.errmsg ?? `insert failed with code ${writeError.code}`);
    this.name = 'DocumentWriteError';
    this.code = writeError.code;
  }
}

function writeErrorsOf(error: unknown): IndexedWriteError[] | undefined {
  const found = (error as { writeErrors?: unknown } | null)?.writeErrors;
  if (found === undefined || found === null) return undefined;
  const list = (Array.isArray(found) ? found : [found]) as IndexedWriteError[];
  return list.length > 0 && list.every((entry) => typeof entry.index === 'number') ? list : undefined;
}
