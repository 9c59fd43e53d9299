import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { documentIdOf, type BucketRow, type TableDoc } from '../domain/statistic-tables';
import { FreshValue } from './fresh-value';
import {
  CHANGE_SLOTS,
  tableChangesOf,
  tablesOf,
  type TableChangesDoc,
  type VersionDoc,
} from '../read-models/statistics.store';
import { mapLimited } from '../read-models/map-limited';
import { tablesOfStored } from '../read-models/packed-documents';

/** table documents read at once (by id: FerretDB scans the collection for anything else) */
const READS_AT_ONCE = 8;

/** One version's tables as this replica last read them, and the generation they are as of. */
interface VersionCache {
  generation: number;
  /** null: the table does not exist (a period without tickets) */
  tables: Map<string, TableDoc | null>;
}

/** A row of a cached table, with its period's first day: what a table sums. */
export type PeriodRow = BucketRow & { s: string };

type VersionState = Pick<VersionDoc, 'generation' | 'firstMonth'> | null;

/** The tables of a version as of one generation, and the version's first month. */
export interface TablesView {
  firstMonth: string | undefined;
  tables(ids: readonly string[]): Promise<Array<TableDoc | null>>;
}

/**
 * The table documents, cached in memory by each replica: a year of monthly tables is then one read
 * of the version's document (its generation, raised by every flush) rather than a dozen documents
 * decoded by FerretDB. The tables a flush changed are read again: the replica reads the ring of
 * changes (`reporting_v<version>_table_changes`) for the generations it missed, by id.
 */
export class StatisticTablesReader {
  private readonly caches = new Map<string, VersionCache>();
  private readonly states = new Map<string, FreshValue<VersionState>>();
  private readonly versionDocs: Collection<VersionDoc>;

  constructor(
    private readonly connection: Connection,
    /** how long the version's generation, once read, is trusted (REPORTING_QUERY_FRESH_MS) */
    private readonly freshMs: number,
    /** table documents kept per version (a year of months by every dimension is a few hundred) */
    private readonly kept = 5000,
  ) {
    this.versionDocs = connection.collection<VersionDoc>('reporting_versions');
  }

  async view(version: string): Promise<TablesView> {
    const state = await this.stateOf(version);
    const generation = state?.generation ?? 0;
    const cache = await this.freshCache(version, generation);
    const collection = tablesOf(this.connection, version);
    return {
      firstMonth: state?.firstMonth,
      tables: async (ids) => {
        const missing = ids.filter((id) => !cache.tables.has(id));
        const documentIds = [...new Set(missing.map(documentIdOf))];
        const stored = await mapLimited(documentIds, READS_AT_ONCE, (id) => collection.findOne({ _id: id }));
        // every table of the documents read: those asked and not there are empty (null)
        const fresh = new Map<string, TableDoc | null>(missing.map((id) => [id, null]));
        for (const doc of stored) {
          for (const table of doc ? tablesOfStored(doc) : []) {
            for (const row of table.rows) (row as PeriodRow).s = table.s;
            fresh.set(table._id, table);
          }
        }
        // a query that saw a newer generation meanwhile may have forgotten these: keep them only if not
        if (cache.generation === generation) {
          if (cache.tables.size + fresh.size > this.kept) cache.tables.clear();
          for (const [id, table] of fresh) cache.tables.set(id, table);
        }
        return ids.map((id) => (fresh.has(id) ? fresh.get(id)! : (cache.tables.get(id) ?? null)));
      },
    };
  }

  /** The version's generation and first month (see FreshValue). */
  private stateOf(version: string): Promise<VersionState> {
    let state = this.states.get(version);
    if (!state) {
      const read = () => this.versionDocs.findOne({ _id: version }, { projection: { generation: 1, firstMonth: 1 } });
      this.states.set(version, (state = new FreshValue(read, this.freshMs)));
    }
    return state.get();
  }

  /** The version's cache, without the tables changed since it was filled. */
  private async freshCache(version: string, generation: number): Promise<VersionCache> {
    let cache = this.caches.get(version);
    if (!cache) this.caches.set(version, (cache = { generation, tables: new Map() }));
    if (cache.generation === generation) return cache;
    const behind = generation - cache.generation;
    const missed = Array.from({ length: Math.max(0, behind) }, (_, i) => cache!.generation + 1 + i);
    if (behind <= 0 || behind > CHANGE_SLOTS) {
      cache.tables.clear();
    } else {
      const changes = tableChangesOf(this.connection, version);
      const slots = await mapLimited(missed, READS_AT_ONCE, (at) => changes.findOne({ _id: at % CHANGE_SLOTS }));
      if (slots.some((slot, i) => !slot || slot.generation !== missed[i] || slot.all)) cache.tables.clear();
      else for (const slot of slots as TableChangesDoc[]) for (const id of slot.tables) cache.tables.delete(id);
    }
    cache.generation = generation;
    return cache;
  }
}
