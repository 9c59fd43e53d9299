import { Inject, Injectable } from '@nestjs/common';
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

/**
 * The report of every run (`import_lines`), inserted only, in batches: the importer's own verdicts
 * as it reads the lines, the owning services' answers as they come back.
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

  async record(results: LineResult[]): Promise<void> {
    if (results.length === 0) return;
    try {
      await (await this.collection()).insertMany(results, { ordered: false });
    } catch (error) {
      // a line recorded before (a resumed batch, a redelivered answer) keeps its first result
      if ((error as { code?: number }).code !== 11000) throw error;
    }
  }

  async counts(runId: string): Promise<Record<LineStatus, number>> {
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
