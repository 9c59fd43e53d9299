import type { ProjectedFields } from '@itsm/eventsourcing';
import type { ProjectionRegistry } from '../event-sourcing/projection-registry';
import type { FedIndex, StreamEvent } from './fed-index';
import type { IndexedRow, RowIndex } from './row-index';

/** Pauses before reading a document again that does not reflect the event yet (the read model lags). */
const LAG_DELAYS_MS = [20, 50, 100, 200, 400];
/** documents read at once (the Mongo pool is bounded, and shared with the requests) */
const LANES = 8;
const LOAD_BATCH = 2000;

/** How a kernel projection's documents become an index's rows. */
export interface RowSource<Row extends IndexedRow> {
  projection: { name: string; handles: ReadonlySet<string> };
  /** the document fields a row is made of (with `_id` and `_sequence`) */
  fields: Record<string, 1>;
  /** a row from a (projected) document; undefined when the document is not one of the index's */
  rowOf(doc: Record<string, unknown>): Row | undefined;
  /** the row's key of a stream id; undefined for another aggregate's stream sharing the topic */
  keyOfStream(streamId: string): string | undefined;
  /** the document's `_id` (its stream id) of a key */
  streamOf(key: string): string;
}

/** key -> the highest sequence among these events the projection handles: what its row must reach. */
export function latestSequences<Row extends IndexedRow>(
  source: RowSource<Row>,
  events: Iterable<StreamEvent>,
): Map<string, number> {
  const latest = new Map<string, number>();
  for (const { type, streamId, sequence } of events) {
    const key = source.keyOfStream(streamId);
    if (!key || !source.projection.handles.has(type)) continue;
    latest.set(key, Math.max(sequence, latest.get(key) ?? 0));
  }
  return latest;
}

/**
 * Fills a row index from a kernel projection's read model: all at start, then document by
 * document after their events. A document gone after the index held it was deleted (its stream
 * ended, e.g. a purge): its row goes too.
 */
export class ReadModelRows<Row extends IndexedRow> implements FedIndex {
  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly index: RowIndex<Row>,
    private readonly source: RowSource<Row>,
  ) {}

  get readModel(): string {
    return this.source.projection.name;
  }

  get ready(): boolean {
    return this.index.ready;
  }

  markReady(): void {
    this.index.markReady();
  }

  markStale(): void {
    this.index.markStale();
  }

  confirmFresh(forMs: number): void {
    this.index.confirmFresh(forMs);
  }

  /** Reads every document's row fields, batch by batch, until done or stopped; returns how many. */
  async loadAll(stopped: () => boolean = () => false): Promise<number> {
    const collection = await this.collection();
    let count = 0;
    for await (const doc of collection.find({}, { projection: this.source.fields, batchSize: LOAD_BATCH })) {
      const row = this.source.rowOf(doc as unknown as Record<string, unknown>);
      if (row) this.index.upsert(row);
      count++;
      if (stopped()) break;
    }
    return count;
  }

  refresh(events: StreamEvent[], firstWaitMs = 0): Promise<void> {
    return this.refreshKeys(latestSequences(this.source, events), firstWaitMs);
  }

  /**
   * Reads again the documents whose rows are behind these sequences. A document may not show an
   * event yet (another process applies it): read again after a pause, a few times; beyond, the
   * stream's next event brings it.
   */
  async refreshKeys(latest: Map<string, number>, firstWaitMs = 0): Promise<void> {
    let behind = this.behind(latest);
    if (behind.length > 0 && firstWaitMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, firstWaitMs));
      behind = this.behind(latest); // this replica's own commands have refreshed theirs meanwhile
    }
    if (behind.length === 0) return;
    await Promise.all(
      Array.from({ length: Math.min(LANES, behind.length) }, async (_, lane) => {
        for (let i = lane; i < behind.length; i += LANES) await this.refreshOne(...behind[i]);
      }),
    );
  }

  private async refreshOne(key: string, sequence: number): Promise<void> {
    const streamId = this.source.streamOf(key);
    const store = this.projections.store<object>(this.source.projection.name);
    const collection = await this.collection();
    for (let attempt = 0; ; attempt++) {
      // what this process wrote itself needs no read, when it is that recent
      const written = (await store.lastWritten(streamId)) as (ProjectedFields & Record<string, unknown>) | undefined;
      const doc =
        written && written._sequence >= sequence
          ? written
          : await collection.findOne({ _id: streamId }, { projection: this.source.fields });
      if (!doc && this.index.sequenceOf(key) > 0) return this.index.remove(key);
      const row = doc && this.source.rowOf(doc as unknown as Record<string, unknown>);
      if (row) this.index.upsert(row);
      if (this.index.sequenceOf(key) >= sequence || attempt === LAG_DELAYS_MS.length) return;
      await new Promise((resolve) => setTimeout(resolve, LAG_DELAYS_MS[attempt]));
    }
  }

  private behind(latest: Map<string, number>): Array<[string, number]> {
    return [...latest].filter(([key, sequence]) => this.index.sequenceOf(key) < sequence);
  }

  private collection() {
    return this.projections.collection<{ _id: string }>(this.source.projection.name);
  }
}
