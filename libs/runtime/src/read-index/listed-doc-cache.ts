/**
 * The documents of recently listed rows, each valid for the sequence it was read at: a page
 * whose rows have not moved since is answered without reading them again. Bounded, least recently
 * listed out first.
 */
export class ListedDocCache<Doc> {
  private readonly entries = new Map<string, { sequence: number; doc: Doc }>();

  constructor(private readonly capacity: number) {}

  /** The document if it was read at `sequence` or later (the row's sequence: as fresh as the row). */
  get(key: string, sequence: number): Doc | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.sequence < sequence) return undefined;
    this.entries.delete(key); // a Map iterates in insertion order: this makes it the newest
    this.entries.set(key, entry);
    return entry.doc;
  }

  set(key: string, sequence: number, doc: Doc): void {
    this.entries.delete(key);
    this.entries.set(key, { sequence, doc });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}
