/**
 * The documents of recently listed tickets, each valid for the sequence it was read at: a page
 * whose rows have not moved since is answered without reading them again. Bounded, least recently
 * listed out first.
 */
export class ListedTicketCache<Doc> {
  private readonly entries = new Map<string, { sequence: number; doc: Doc }>();

  constructor(private readonly capacity: number) {}

  /** The document if it was read at `sequence` or later (the row's sequence: as fresh as the row). */
  get(ticketId: string, sequence: number): Doc | undefined {
    const entry = this.entries.get(ticketId);
    if (!entry || entry.sequence < sequence) return undefined;
    this.entries.delete(ticketId); // a Map iterates in insertion order: this makes it the newest
    this.entries.set(ticketId, entry);
    return entry.doc;
  }

  set(ticketId: string, sequence: number, doc: Doc): void {
    this.entries.delete(ticketId);
    this.entries.set(ticketId, { sequence, doc });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}
