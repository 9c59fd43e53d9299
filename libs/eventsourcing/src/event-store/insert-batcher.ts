import { failureKind } from '@itsm/domain';
import type { Document } from 'mongodb';
import type { Collection } from 'mongoose';

interface Pending<Doc> {
  docs: Doc[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface InsertBatcherOptions<Doc = Document> {
  /** inserts on their way at once; what comes meanwhile waits and goes in the next batch */
  maxInFlight?: number;
  /** callers per insertMany */
  maxBatch?: number;
  /** a document written first in each insert, naming the callers' documents (see BatchLead) */
  lead?: BatchLead<Doc>;
}

/**
 * A document of the batcher's own at the head of each insert, about the documents after it (the
 * event store's outbox entry naming an insert's commits). Ordered before them, it lands whenever
 * any of them does. When the insert stops at a refused document, or lands in part, the lead is
 * narrowed to what landed before the callers hear their outcomes; the callers sent again go under
 * a lead of their own.
 */
export interface BatchLead<Doc> {
  of(docs: Doc[]): Doc;
  /** the lead landed, and of its documents only `landed` did (none: the lead is to go) */
  narrow(lead: Doc, landed: Doc[]): Promise<void>;
}

type Store<Doc extends Document> = Pick<Collection<Doc>, 'insertMany' | 'findOne'>;

/**
 * Group commit for one collection. A caller's documents go out at once while fewer than
 * `maxInFlight` writes are on their way; those asked for meanwhile go together in one ordered
 * `insertMany`, which FerretDB (and MongoDB) takes for little more than one insert. Ordered, so
 * each caller's documents are written in the order given (an outbox entry before its commit).
 * Each caller gets its own outcome, whatever another caller's documents hold:
 * - when the server refuses a document by its index, the callers before it are done, its caller
 *   gets a DocumentWriteError, and the callers after it are sent again;
 * - when the write is refused as a whole without naming a document (FerretDB on a NUL in a string:
 *   the documents before it are stored all the same; the driver on one it cannot encode), the
 *   batch's documents are read back: the callers stored are done, the others are sent alone, so
 *   that only the faulty one fails;
 * - when the answer is lost (a connection cut, a server going away), no one's outcome is known:
 *   all get the error (an append then settles its own by id, see settleAppend).
 */
export class InsertBatcher<Doc extends Document & { _id: string }> {
  private readonly queue: Pending<Doc>[] = [];
  private inFlight = 0;
  private readonly maxInFlight: number;
  private readonly maxBatch: number;
  private readonly lead?: BatchLead<Doc>;

  constructor(
    private readonly collection: Store<Doc>,
    options: InsertBatcherOptions<Doc> = {},
  ) {
    this.maxInFlight = options.maxInFlight ?? 1;
    this.maxBatch = options.maxBatch ?? 100;
    this.lead = options.lead;
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
      const docs = waiting.flatMap((pending) => pending.docs);
      const lead = this.lead?.of(docs);
      try {
        await this.collection.insertMany((lead ? [lead, ...docs] : docs) as never[], { ordered: true });
        for (const pending of waiting) pending.resolve();
        return;
      } catch (error) {
        const refused = firstWriteError(error);
        if (refused && lead && refused.index === 0) {
          for (const pending of waiting) pending.reject(error); // the lead itself: nothing after it landed
          return;
        }
        if (refused) {
          // positions among the callers' documents, after the lead
          const at = lead ? refused.index - 1 : refused.index;
          if (lead) await this.narrow(lead, docs.slice(0, at));
          waiting = settleUpTo(waiting, { index: at, code: refused.code, errmsg: refused.errmsg }); // the driver's are getters
        } else if (refusedAsWhole(error)) {
          return this.isolate(waiting, error, lead);
        } else {
          for (const pending of waiting) pending.reject(error); // the answer was lost: outcomes unknown
          return;
        }
      }
    }
  }

  /** Best effort: a lead left naming documents that never landed costs its reader a look, never a loss. */
  private async narrow(lead: Doc, landed: Doc[]): Promise<void> {
    await this.lead?.narrow(lead, landed).catch(() => undefined);
  }

  /** After a refusal naming no document: what landed is done, the rest is written caller by caller. */
  private async isolate(batch: Pending<Doc>[], error: unknown, lead?: Doc): Promise<void> {
    const stored = await this.storedIds(batch, lead).catch(() => undefined);
    if (!stored) {
      for (const pending of batch) pending.reject(error); // cannot tell what landed
      return;
    }
    if (lead && stored.has(lead._id)) {
      await this.narrow(
        lead,
        batch.flatMap((pending) => pending.docs.filter((doc) => stored.has(doc._id))),
      );
    }
    for (const pending of batch) {
      const missing = pending.docs.findIndex((doc) => !stored.has(doc._id));
      if (missing < 0) pending.resolve();
      // alone, the refused document is the first one that did not land (the insert is ordered)
      else if (batch.length === 1) pending.reject(DocumentWriteError.of(error, missing));
      else await this.write([remainderOf(pending, missing)]);
    }
  }

  private storedIds(batch: Pending<Doc>[], lead?: Doc): Promise<Set<string>> {
    return heldIds(this.collection, [
      ...(lead ? [lead._id] : []),
      ...batch.flatMap((pending) => pending.docs.map((doc) => doc._id)),
    ]);
  }
}

/** Which of these ids the collection holds: one equality each (FerretDB reads the whole collection for a bare `$in`). */
export async function heldIds<Doc extends Document>(
  collection: Pick<Collection<Doc>, 'findOne'>,
  ids: string[],
): Promise<Set<string>> {
  const found = await Promise.all(ids.map((_id) => collection.findOne({ _id } as never, { projection: { _id: 1 } })));
  return new Set(ids.filter((_, index) => found[index] !== null));
}

/** A caller's documents from `from` on, its errors' positions counted among all its documents. */
function remainderOf<Doc>(pending: Pending<Doc>, from: number): Pending<Doc> {
  return {
    docs: pending.docs.slice(from),
    resolve: pending.resolve,
    reject: (error) => pending.reject(error instanceof DocumentWriteError ? error.shifted(from) : error),
  };
}

/** Settles the callers up to the refused document's; returns those after it, still to write. */
function settleUpTo<Doc>(batch: Pending<Doc>[], refused: IndexedWriteError): Pending<Doc>[] {
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
    private readonly writeError: IndexedWriteError,
    readonly position: number,
  ) {
    super(writeError.errmsg ?? `insert failed with code ${writeError.code}`);
    this.name = 'DocumentWriteError';
    this.code = writeError.code;
  }

  /** The document at `position` refused with an error that named none. */
  static of(error: unknown, position: number): DocumentWriteError {
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    return new DocumentWriteError(
      {
        index: position,
        code: typeof code === 'number' ? code : undefined,
        errmsg: typeof message === 'string' ? message : String(error),
      },
      position,
    );
  }

  shifted(by: number): DocumentWriteError {
    return new DocumentWriteError(this.writeError, this.position + by);
  }
}

/**
 * The server answered a refusal of the write without naming a document, or the driver would not
 * send it (a document it cannot encode): what the batch holds is at fault, not the connection. A
 * refusal that says the server is going away (its PostgreSQL, say) is not one.
 */
function refusedAsWhole(error: unknown): boolean {
  const { errorResponse, name } = (error ?? {}) as { errorResponse?: unknown; name?: unknown };
  // a connection that failed is carried in errorResponse too, as an Error: no answer at all
  const answered = !(errorResponse instanceof Error) && (errorResponse as { ok?: unknown } | undefined)?.ok === 0;
  const unsendable = name === 'BSONError' || name === 'MongoInvalidArgumentError';
  return (answered || unsendable) && failureKind(error) !== 'transient';
}

/** An ordered insert stops at its first refused document. */
function firstWriteError(error: unknown): IndexedWriteError | undefined {
  const found = (error as { writeErrors?: unknown } | null)?.writeErrors;
  if (found === undefined || found === null) return undefined;
  const list = (Array.isArray(found) ? found : [found]) as IndexedWriteError[];
  if (list.length === 0 || !list.every((entry) => typeof entry.index === 'number')) return undefined;
  return list.reduce((first, entry) => (entry.index < first.index ? entry : first));
}
