import type { ProjectedFields } from '@itsm/eventsourcing';
import type { ProjectionRegistry } from '../event-sourcing/projection-registry';
import type { FedIndex, IndexLag, SnapshotCapable, StreamEvent } from './fed-index';
import { LaggingRows, type LookOutcome } from './lagging-rows';
import type { IndexedRow, RowIndex } from './row-index';

/** Pauses before reading a document again that does not reflect the event yet (the read model lags). */
const LAG_DELAYS_MS = [20, 50, 100, 200, 400];
/** documents read at once (the Mongo pool is bounded, and shared with the requests) */
const LANES = 8;
const LOAD_BATCH = 2000;
/** streams remembered as ended (their deleting event's sequence), the oldest forgotten first */
const ENDED_KEPT = 10_000;

/** How a kernel projection's documents become an index's rows. */
export interface RowSource<Row extends IndexedRow> {
  projection: { name: string; handles: ReadonlySet<string> };
  /** the document fields a row is made of (with `_id` and `_sequence`); `{}`: the whole document */
  fields: Record<string, 1>;
  /** the rows' shape, for snapshots (a snapshot of another shape is not loaded); by default the fields' names */
  format?: string;
  /** a row from a (projected) document; undefined when the document is not one of the index's */
  rowOf(doc: Record<string, unknown>): Row | undefined;
  /** the row's key of a stream id; undefined for another aggregate's stream sharing the topic */
  keyOfStream(streamId: string): string | undefined;
  /** the document's `_id` (its stream id) of a key */
  streamOf(key: string): string;
  /** the event types that delete the document (end its stream): its absence after them is no lag */
  endedBy?: ReadonlySet<string>;
}

async function* rowsOf(chunks: AsyncIterable<unknown[]>): AsyncIterable<unknown> {
  for await (const chunk of chunks) yield* chunk;
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
 * ended, e.g. a purge): its row goes too. A document still behind its event after a few quick
 * reads is read again later (LaggingRows) until it shows it: a row is never left behind for good.
 */
export class ReadModelRows<Row extends IndexedRow> implements FedIndex {
  private readonly lagging = new LaggingRows();
  /** absent documents given up since start (see ABSENT_GIVE_UP_MS) */
  private givenUp = 0;
  /** key -> the sequence of the event that deleted its document: a read finding none is up to date */
  private readonly ended = new Map<string, number>();

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

  lag(now = Date.now()): IndexLag {
    return { rows: this.lagging.size, oldestMs: this.lagging.oldestAgeMs(now), givenUp: this.givenUp };
  }

  /**
   * Reads every document's row fields, batch by batch, until done or stopped; returns how many.
   * A row held before a reload (the feed stopped) whose document is gone goes: deleted meanwhile.
   */
  async loadAll(stopped: () => boolean = () => false): Promise<number> {
    const collection = await this.collection();
    const docs = collection.find({}, { projection: this.source.fields, batchSize: LOAD_BATCH });
    return this.replaceRows(docs, stopped, (doc) => {
      const row = this.source.rowOf(doc as unknown as Record<string, unknown>);
      const key = row && this.source.keyOfStream(doc._id);
      return row && key ? { row, key } : undefined;
    });
  }

  /**
   * The rows themselves, as a snapshot keeps them; their format is the source's (see RowSource.format).
   */
  get snapshot(): SnapshotCapable {
    return {
      format: `rows:${this.source.projection.name}:${this.source.format ?? Object.keys(this.source.fields).sort().join(',')}`,
      items: () => this.index.allRows(),
      load: (chunks, stopped) =>
        this.replaceRows(rowsOf(chunks), stopped, (item) => {
          const { sequence } = item as Partial<Row>;
          if (typeof item !== 'object' || item === null || typeof sequence !== 'number') {
            throw new Error(`a snapshot row of ${this.readModel} without its sequence`);
          }
          return { row: item as Row, key: this.index.keyOfRow(item as Row) };
        }),
    };
  }

  /**
   * Holds the rows these items make, in place of those held: a row held before whose item is not
   * there goes (deleted meanwhile; or created since a snapshot: its event is read again).
   */
  private async replaceRows<Item>(
    items: AsyncIterable<Item>,
    stopped: () => boolean,
    rowOf: (item: Item) => { row: Row; key: string } | undefined,
  ): Promise<number> {
    const heldBefore = new Set(this.index.keys());
    const seen = new Set<string>();
    for await (const item of items) {
      if (stopped()) return seen.size;
      const found = rowOf(item);
      if (!found) continue;
      this.index.upsert(found.row);
      seen.add(found.key);
    }
    for (const key of heldBefore) if (!seen.has(key)) this.index.remove(key);
    this.lagging.clear(); // the events since the load's start are read again
    return seen.size;
  }

  refresh(events: StreamEvent[], firstWaitMs = 0): Promise<void> {
    this.noteEnded(events);
    return this.refreshKeys(latestSequences(this.source, events), firstWaitMs);
  }

  private noteEnded(events: StreamEvent[]): void {
    for (const { type, streamId, sequence } of events) {
      const key = this.source.endedBy?.has(type) ? this.source.keyOfStream(streamId) : undefined;
      if (!key) continue;
      this.ended.delete(key); // a Map iterates in insertion order: this makes it the newest
      this.ended.set(key, sequence);
      if (this.ended.size > ENDED_KEPT) this.ended.delete(this.ended.keys().next().value as string);
    }
  }

  /**
   * Reads again the documents whose rows are behind these sequences. A document may not show an
   * event yet (another process applies it): read again after a pause, a few times; beyond, it is
   * read again less and less often (retryLagging).
   */
  async refreshKeys(latest: Map<string, number>, firstWaitMs = 0): Promise<void> {
    let behind = this.behind(latest);
    if (behind.length > 0 && firstWaitMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, firstWaitMs));
      behind = this.behind(latest); // this replica's own commands have refreshed theirs meanwhile
    }
    await this.inLanes(behind, (key, sequence) => this.refreshOne(key, sequence));
  }

  /** Reads once more the lagging rows that are due; returns how many are still behind. */
  async retryLagging(now = Date.now()): Promise<number> {
    await this.inLanes(this.lagging.due(now), async (key, sequence) => {
      const outcome = this.index.sequenceOf(key) >= sequence ? 'reached' : await this.look(key, sequence);
      if (this.lagging.looked(key, outcome, Date.now())) this.givenUp++;
    });
    return this.lagging.size;
  }

  private async inLanes(rows: Array<[string, number]>, read: (key: string, sequence: number) => Promise<void>) {
    await Promise.all(
      Array.from({ length: Math.min(LANES, rows.length) }, async (_, lane) => {
        for (let i = lane; i < rows.length; i += LANES) await read(...rows[i]);
      }),
    );
  }

  private async refreshOne(key: string, sequence: number): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if ((await this.look(key, sequence)) === 'reached') return;
      if (attempt === LAG_DELAYS_MS.length) return this.lagging.add(key, sequence, Date.now());
      await new Promise((resolve) => setTimeout(resolve, LAG_DELAYS_MS[attempt]));
    }
  }

  /** Reads the row's document once (or takes this process's own last write of it) and keeps its row. */
  private async look(key: string, sequence: number): Promise<LookOutcome> {
    const streamId = this.source.streamOf(key);
    const held = this.index.sequenceOf(key);
    const store = this.projections.store<object>(this.source.projection.name);
    // what this process wrote itself needs no read, when it is that recent; its apply of the
    // stream may be under way still (the event came from Kafka before the writer's group commit
    // answered): it ends first
    await store.settled(streamId);
    const written = (await store.lastWritten(streamId)) as (ProjectedFields & Record<string, unknown>) | undefined;
    const doc =
      written && written._sequence >= sequence
        ? written
        : await (await this.collection()).findOne({ _id: streamId }, { projection: this.source.fields });
    if (!doc) {
      if (held === 0) return (this.ended.get(key) ?? 0) >= sequence ? 'reached' : 'absent';
      // a row put while this read was on its way (the writer's inline refresh of a document
      // written just after the read) is newer than this answer: only a row the read saw goes
      if (this.index.sequenceOf(key) !== held) return 'behind';
      this.index.remove(key);
      return 'reached';
    }
    const row = this.source.rowOf(doc as unknown as Record<string, unknown>);
    if (row) this.index.upsert(row);
    return this.index.sequenceOf(key) >= sequence ? 'reached' : 'behind';
  }

  private behind(latest: Map<string, number>): Array<[string, number]> {
    return [...latest].filter(([key, sequence]) => this.index.sequenceOf(key) < sequence);
  }

  private collection() {
    return this.projections.collection<{ _id: string }>(this.source.projection.name);
  }
}
