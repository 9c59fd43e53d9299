import { Inject, Injectable } from '@nestjs/common';
import { concurrentUpsert } from '@itsm/eventsourcing';
import { MONGO_CONNECTION } from '@itsm/runtime';
import type { Collection, Connection } from 'mongoose';
import type { ResultCode } from './domain/result-codes';

export type LineStatus = 'success' | 'warning' | 'failed';

/** One line's result, as Data Injection's report shows it. Written once (insert-only): a redelivery changes nothing. */
export interface LineResult {
  _id: string;
  runId: string;
  line: number;
  status: LineStatus;
  code: ResultCode;
  /** add or update, null when refused before */
  action: 'create' | 'update' | null;
  itemId: string | null;
  field: string | null;
  message: string;
  /** would be written: the line of a dry run */
  dryRun: boolean;
}

export const lineResultId = (runId: string, line: number) => `${runId}:${line}`;

export type LineCounts = Record<LineStatus, number>;

/** A run's lines recorded so far, by status: kept as they are inserted, so that a run's progress costs no count. */
interface RunTally extends LineCounts {
  _id: string;
}

export const totalOf = (counts: LineCounts) => counts.success + counts.warning + counts.failed;

/**
 * The report of every run (`import_lines`), inserted only, in batches: the importer's own verdicts
 * as it reads the lines, the owning services' answers as they come back. Each insert adds the
 * lines it wrote to its runs' tallies (`import_line_tallies`): FerretDB counts a run's lines by
 * reading them all, which a run's progress cannot afford every second. A tally may fall short
 * (a process stopped between the insert and the addition, whose lines are then duplicates when
 * inserted again): recount sets it from the lines themselves.
 */
@Injectable()
export class LineResults {
  private indexes?: Promise<unknown>;

  constructor(@Inject(MONGO_CONNECTION) private readonly connection: Connection) {}

  private async collection(): Promise<Collection<LineResult>> {
    const collection = this.connection.collection<LineResult>('import_lines');
    this.indexes ??= collection
      .createIndex({ runId: 1, status: 1, line: 1 }, { name: 'run_status_line' })
      .catch((error: Error) => {
        this.indexes = undefined; // Mongo was away: created at the next call
        throw error;
      });
    await this.indexes;
    return collection;
  }

  private tallies(): Collection<RunTally> {
    return this.connection.collection<RunTally>('import_line_tallies');
  }

  async record(results: LineResult[]): Promise<void> {
    if (results.length === 0) return;
    let refused = new Set<number>();
    try {
      await (await this.collection()).insertMany(results, { ordered: false });
    } catch (error) {
      // a line recorded before (a resumed batch, a redelivered answer) keeps its first result
      refused = duplicatesOnly(error, results.length);
    }
    await this.tally(results.filter((_, index) => !refused.has(index)));
  }

  /** Adds the lines inserted to their runs' tallies: one update a run. */
  private async tally(inserted: LineResult[]): Promise<void> {
    const byRun = new Map<string, LineCounts>();
    for (const { runId, status } of inserted) {
      const counts = byRun.get(runId) ?? { success: 0, warning: 0, failed: 0 };
      counts[status]++;
      byRun.set(runId, counts);
    }
    // a run's batches are tallied side by side: its first ones upsert its tally at once
    await Promise.all(
      [...byRun].map(([runId, counts]) =>
        concurrentUpsert(() => this.tallies().updateOne({ _id: runId }, { $inc: counts }, { upsert: true })),
      ),
    );
  }

  /** The run's lines by status as tallied (see recount). */
  async tallied(runId: string): Promise<LineCounts> {
    const tally = await this.tallies().findOne({ _id: runId });
    return { success: tally?.success ?? 0, warning: tally?.warning ?? 0, failed: tally?.failed ?? 0 };
  }

  /** The run's lines by status, counted (a read of all of them), which becomes its tally. */
  async recount(runId: string): Promise<LineCounts> {
    const counts = await this.counts(runId);
    await concurrentUpsert(() => this.tallies().updateOne({ _id: runId }, { $set: counts }, { upsert: true }));
    return counts;
  }

  async counts(runId: string): Promise<LineCounts> {
    const collection = await this.collection();
    const [success, warning, failed] = await Promise.all(
      (['success', 'warning', 'failed'] as const).map((status) => collection.countDocuments({ runId, status })),
    );
    return { success, warning, failed };
  }

  async page(runId: string, status: LineStatus | undefined, page: number, limit: number) {
    const collection = await this.collection();
    const filter = status ? { runId, status } : { runId };
    const [items, total] = await Promise.all([
      collection
        .find(filter)
        .sort({ line: 1 })
        .skip((page - 1) * limit)
        .limit(limit)
        .toArray(),
      collection.countDocuments(filter),
    ]);
    return { items: items.map(({ _id, runId: _run, ...line }) => line), total, page, limit };
  }

  /** The failed lines' numbers and reasons, in order, for the failed-lines file. */
  async failed(runId: string): Promise<Map<number, LineResult>> {
    const failed = await (await this.collection()).find({ runId, status: 'failed' }).sort({ line: 1 }).toArray();
    return new Map(failed.map((line) => [line.line, line]));
  }
}

/**
 * The positions of the documents an unordered insert refused as there already (all of them when
 * the refusal does not say which: their tally waits for a recount); throws any other failure.
 */
function duplicatesOnly(error: unknown, count: number): Set<number> {
  const { code, writeErrors } = (error ?? {}) as { code?: number; writeErrors?: unknown };
  const refused = (Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : []) as Array<{
    code?: number;
    index?: number;
  }>;
  if (refused.length > 0 && refused.every((one) => one.code === 11000 && typeof one.index === 'number')) {
    return new Set(refused.map((one) => one.index!));
  }
  if (refused.length === 0 && code === 11000) return new Set(Array.from({ length: count }, (_, index) => index));
  throw error;
}
