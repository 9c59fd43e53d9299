import type { Binary, Collection } from 'mongodb';
import { referencesOf } from '../domain/reference-data';
import type { TicketRecord } from '../domain/ticket-record';
import { mapLimited } from './map-limited';
import { pack, unpack } from './packed-documents';

/** Records written by a flush, packed together: `_id` numbers them in the order they were written. */
export interface RecordSegment {
  _id: number;
  z: Binary;
}

/** records a segment holds at most (a few hundred bytes each, packed) */
const SEGMENT_RECORDS = 500;
/** segments written, or read by id, at once */
const SEGMENTS_AT_ONCE = 8;

/**
 * The ticket records of one version, written by segments: a flush packs the records it changed
 * into new segments (a replay's flush of 10,000 tickets is 20 documents rather than 10,000, a
 * document costing FerretDB 1.24 about a millisecond whatever its size), and a ticket's record is
 * the one of the latest segment holding it. A segment left with no current record is deleted; one
 * left with less than half its records current has them carried into the flush's new segments, so
 * the collection stays within twice the records' size. An index in memory (rebuilt at start from
 * the segments) says which segment holds each ticket's record; at start, a flush cut in the middle
 * shows as segments whose records are all in later ones, deleted then.
 */
export class TicketRecords {
  private readonly segmentOf = new Map<string, number>();
  /** per segment: its records, and how many of them are current */
  private readonly segments = new Map<number, { size: number; current: number }>();
  private lastSegment = 0;
  /** segments whose records are all in later ones */
  private outdated: number[] = [];

  constructor(readonly collection: Collection<RecordSegment>) {}

  /** Reads every segment: the index, and each ticket's references (`track`). */
  async prepare(track: (ticketId: string, references: string[]) => void): Promise<void> {
    const references = new Map<string, string[]>();
    for await (const segment of this.collection.find()) {
      const records = unpack<TicketRecord[]>(segment.z);
      this.lastSegment = Math.max(this.lastSegment, segment._id);
      this.segments.set(segment._id, { size: records.length, current: 0 });
      for (const record of records) {
        if ((this.segmentOf.get(record.ticketId) ?? 0) > segment._id) continue;
        this.segmentOf.set(record.ticketId, segment._id);
        references.set(record.ticketId, referencesOf(record));
      }
    }
    for (const segment of this.segmentOf.values()) this.segments.get(segment)!.current++;
    for (const [id, { current }] of this.segments) if (current === 0) this.outdated.push(id);
    for (const [ticketId, keys] of references) track(ticketId, keys);
    await this.deleteOutdated();
  }

  isKnown(ticketId: string): boolean {
    return this.segmentOf.has(ticketId);
  }

  /** The current records of some tickets (those without one are left out). */
  async load(ticketIds: readonly string[]): Promise<Map<string, TicketRecord>> {
    const wanted = new Set(ticketIds);
    const segments = [...new Set(ticketIds.flatMap((id) => this.segmentOf.get(id) ?? []))];
    const found = new Map<string, TicketRecord>();
    for (const record of await this.currentIn(segments))
      if (wanted.has(record.ticketId)) found.set(record.ticketId, record);
    return found;
  }

  /** Every current record, a segment at a time (summing the tables again). */
  async *all(): AsyncIterable<TicketRecord> {
    for await (const segment of this.collection.find()) {
      for (const record of unpack<TicketRecord[]>(segment.z))
        if (this.segmentOf.get(record.ticketId) === segment._id) yield record;
    }
  }

  /** Writes the records in new segments, with those of the segments they leave too sparse. */
  async write(records: readonly TicketRecord[]): Promise<void> {
    const written = new Map(records.map((record) => [record.ticketId, record]));
    for (const record of await this.currentIn(this.leftSparse(written)))
      if (!written.has(record.ticketId)) written.set(record.ticketId, record);
    const all = [...written.values()];
    const segments = Array.from({ length: Math.ceil(all.length / SEGMENT_RECORDS) }, (_, index) => ({
      _id: ++this.lastSegment,
      records: all.slice(index * SEGMENT_RECORDS, (index + 1) * SEGMENT_RECORDS),
    }));
    for (let at = 0; at < segments.length; at += SEGMENTS_AT_ONCE) {
      const docs = segments.slice(at, at + SEGMENTS_AT_ONCE).map(({ _id, records }) => ({ _id, z: pack(records) }));
      await this.collection.insertMany(docs, { ordered: false });
    }
    for (const { _id, records } of segments) {
      this.segments.set(_id, { size: records.length, current: records.length });
      for (const { ticketId } of records) {
        const before = this.segmentOf.get(ticketId);
        if (before !== undefined && --this.segments.get(before)!.current === 0) this.outdated.push(before);
        this.segmentOf.set(ticketId, _id);
      }
    }
    await this.deleteOutdated();
  }

  /** The segments that writing these records leaves with some, but less than half, of their records current. */
  private leftSparse(written: ReadonlyMap<string, TicketRecord>): number[] {
    const leaving = new Map<number, number>();
    for (const ticketId of written.keys()) {
      const segment = this.segmentOf.get(ticketId);
      if (segment !== undefined) leaving.set(segment, (leaving.get(segment) ?? 0) + 1);
    }
    return [...leaving].flatMap(([id, left]) => {
      const { size, current } = this.segments.get(id)!;
      return current - left > 0 && (current - left) * 2 < size ? [id] : [];
    });
  }

  private async currentIn(segments: readonly number[]): Promise<TicketRecord[]> {
    const read = await mapLimited(segments, SEGMENTS_AT_ONCE, (_id) => this.collection.findOne({ _id }));
    return read.flatMap((segment) =>
      segment ? unpack<TicketRecord[]>(segment.z).filter((r) => this.segmentOf.get(r.ticketId) === segment._id) : [],
    );
  }

  /** Deletes the segments holding no current record, one by id at a time (FerretDB scans for an `$in`). */
  private async deleteOutdated(): Promise<void> {
    while (this.outdated.length > 0) {
      const id = this.outdated[0];
      await this.collection.deleteOne({ _id: id });
      this.segments.delete(id);
      this.outdated.shift();
    }
  }
}
