/** What an index keeps of a read-model document: at least the document's `_sequence`. */
export interface IndexedRow {
  /** the read-model document's `_sequence`: a row only ever moves forward */
  sequence: number;
}

/**
 * Whether an in-memory index may answer: once its feed has loaded it and caught up with the
 * events since, and while the feed keeps hearing from Kafka; else the read model answers.
 */
export class IndexReadiness {
  private caughtUp = false;
  /** until when the feed is known to be connected: past it, events may be missed (Kafka down) */
  private freshUntil = 0;

  get ready(): boolean {
    return this.caughtUp && Date.now() <= this.freshUntil;
  }

  /** The feed has loaded the index and caught up with the events since: pages may be answered. */
  markReady(): void {
    this.caughtUp = true;
  }

  /** The feed has just heard from Kafka: no event is missed for this long at least. */
  confirmFresh(forMs: number): void {
    this.freshUntil = Date.now() + forMs;
  }

  /** The feed lost events (consumer stopped, reload under way): the read model answers meanwhile. */
  markStale(): void {
    this.caughtUp = false;
  }
}

/**
 * Rows of a read model kept in memory on each replica, by key (the stream's), with the feed's
 * word on whether they may answer (IndexReadiness). A subclass keeps its own buckets through
 * `placed` and `removed`.
 */
export abstract class RowIndex<Row extends IndexedRow> extends IndexReadiness {
  protected readonly rows = new Map<string, Row>();
  /** one copy of each repeated text (entity, status, ids): rows share them */
  private readonly strings = new Map<string, string>();
  get size(): number {
    return this.rows.size;
  }

  /** The sequence the row reflects; 0 when the key is not known. */
  sequenceOf(key: string): number {
    return this.rows.get(key)?.sequence ?? 0;
  }

  row(key: string): Row | undefined {
    return this.rows.get(key);
  }

  /** Keeps the row unless the index already holds a later state; true when kept. */
  upsert(row: Row): boolean {
    const key = this.keyOf(row);
    const previous = this.rows.get(key);
    if (previous && row.sequence < previous.sequence) return false;
    const kept = this.compact(row);
    this.rows.set(key, kept);
    this.placed(key, kept, previous);
    return true;
  }

  /** The document is gone (its stream's last event deleted it). */
  remove(key: string): void {
    const previous = this.rows.get(key);
    if (!previous) return;
    this.rows.delete(key);
    this.removed(key, previous);
  }

  keys(): IterableIterator<string> {
    return this.rows.keys();
  }

  /** Every row as it is now (rows are replaced, never changed: the list stays as it was). */
  allRows(): Row[] {
    return [...this.rows.values()];
  }

  /** The row's key (its stream's). */
  keyOfRow(row: Row): string {
    return this.keyOf(row);
  }

  protected abstract keyOf(row: Row): string;

  /** The row as kept: its repeated texts shared (see `shared`). */
  protected compact(row: Row): Row {
    return row;
  }

  protected placed(_key: string, _row: Row, _previous: Row | undefined): void {}

  protected removed(_key: string, _previous: Row): void {}

  protected shared<Text extends string | null>(text: Text): Text {
    if (typeof text !== 'string') return text;
    const known = this.strings.get(text);
    if (known !== undefined) return known as Text;
    this.strings.set(text, text);
    return text;
  }
}
