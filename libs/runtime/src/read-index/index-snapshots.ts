import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToRequests } from 'node:timers/promises';
import { promisify } from 'node:util';
import { deflateRaw, inflateRaw } from 'node:zlib';
import { Inject, Injectable } from '@nestjs/common';
import { concurrentUpsert } from '@itsm/eventsourcing';
import type { SeekEntry } from 'kafkajs';
import { Binary } from 'mongodb';
import type { Connection } from 'mongoose';
import { MONGO_CONNECTION } from '../connections/tokens';

const deflate = promisify(deflateRaw);
const inflate = promisify(inflateRaw);

export const INDEX_SNAPSHOTS = 'read_index_snapshots';
/** JSON bytes packed into one chunk document before compression (~10x smaller once deflated) */
const CHUNK_JSON_BYTES = 4_000_000;
/** a superseded snapshot's chunks stay this long: a replica may be reading them */
const KEEP_SUPERSEDED_MS = 15 * 60_000;

/** One index's part of a snapshot: its items, in the index's own shape, and that shape's name. */
export interface SnapshotPart {
  readModel: string;
  format: string;
  items: Iterable<unknown>;
}

/** The snapshot of a feed's indexes as stored: where the feed stood, and each index's chunks. */
export interface SnapshotHeader {
  _id: string;
  generation: string;
  at: Date;
  topic: string;
  /** per partition, the offset the feed had handled every event before */
  positions: SeekEntry[];
  indexes: Array<{ readModel: string; format: string; chunks: number; items: number }>;
}

interface SnapshotChunk {
  _id: string;
  feed: string;
  generation: string;
  writtenAt: Date;
  data: Binary;
}

/** A stored snapshot, its chunks read on demand (a missing or corrupt one throws). */
export interface StoredSnapshot {
  header: SnapshotHeader;
  chunks(readModel: string): AsyncIterable<unknown[]>;
}

const chunkId = (feed: string, generation: string, readModel: string, n: number) =>
  `${feed}:${generation}:${readModel}:${n}`;

/**
 * Packed snapshots of a replica's in-memory indexes, so that the next replica starts from a few
 * compact documents rather than reading every document of the read models (FerretDB decodes each
 * one: ~400 s for 100,000 assets on a loaded machine). A snapshot is a header (the feed's topic
 * positions, each index's format and chunk count) and chunks of deflated JSON, ~4 MB of items
 * each. Written under a new generation, then the header is switched to it in one write: a reader
 * sees a whole snapshot or the previous one.
 */
@Injectable()
export class IndexSnapshots {
  constructor(@Inject(MONGO_CONNECTION) private readonly connection: Connection) {}

  private headers() {
    return this.connection.collection<SnapshotHeader>(INDEX_SNAPSHOTS);
  }

  private chunkDocs() {
    return this.connection.collection<SnapshotChunk>(INDEX_SNAPSHOTS);
  }

  header(feed: string): Promise<SnapshotHeader | null> {
    return this.headers().findOne({ _id: feed });
  }

  /** Writes the parts as the feed's snapshot at these positions; returns how many bytes went out. */
  async write(feed: string, topic: string, positions: SeekEntry[], parts: SnapshotPart[]): Promise<number> {
    const generation = randomUUID();
    const indexes: SnapshotHeader['indexes'] = [];
    let bytes = 0;
    for (const { readModel, format, items } of parts) {
      let chunks = 0;
      let count = 0;
      for (const packed of packedChunks(items)) {
        const data = await deflate(Buffer.from(packed.json));
        bytes += data.length;
        const id = chunkId(feed, generation, readModel, chunks++);
        await this.chunkDocs().insertOne({ _id: id, feed, generation, writtenAt: new Date(), data: new Binary(data) });
        count += packed.items;
        await yieldToRequests(); // the next chunk's JSON is built between requests, not in their way
      }
      indexes.push({ readModel, format, chunks, items: count });
    }
    const header: SnapshotHeader = { _id: feed, generation, at: new Date(), topic, positions, indexes };
    // replicas write their snapshots of one feed side by side
    await concurrentUpsert(() => this.headers().replaceOne({ _id: feed }, header, { upsert: true }));
    await this.chunkDocs().deleteMany({
      feed,
      generation: { $ne: generation },
      writtenAt: { $lt: new Date(Date.now() - KEEP_SUPERSEDED_MS) },
    });
    return bytes;
  }

  /** The feed's snapshot when there is one of this topic whose every index has the format asked. */
  async read(feed: string, topic: string, formats: Map<string, string>): Promise<StoredSnapshot | undefined> {
    const header = await this.header(feed);
    if (!header || header.topic !== topic || header.indexes.length !== formats.size) return undefined;
    if (!header.indexes.every(({ readModel, format }) => formats.get(readModel) === format)) return undefined;
    return { header, chunks: (readModel) => this.chunksOf(header, readModel) };
  }

  private async *chunksOf(header: SnapshotHeader, readModel: string): AsyncIterable<unknown[]> {
    const part = header.indexes.find((index) => index.readModel === readModel);
    if (!part) throw new Error(`the snapshot has no part ${readModel}`);
    for (let n = 0; n < part.chunks; n++) {
      const id = chunkId(header._id, header.generation, readModel, n);
      const chunk = await this.chunkDocs().findOne({ _id: id });
      if (!chunk) throw new Error(`snapshot chunk ${id} is missing`);
      const items: unknown = JSON.parse((await inflate(chunk.data.buffer)).toString('utf8'));
      if (!Array.isArray(items)) throw new Error(`snapshot chunk ${id} is not a list`);
      yield items;
    }
  }
}

/** The items as JSON arrays of about CHUNK_JSON_BYTES each. */
function* packedChunks(items: Iterable<unknown>): Iterable<{ json: string; items: number }> {
  let pending: string[] = [];
  let size = 0;
  for (const item of items) {
    const json = JSON.stringify(item);
    pending.push(json);
    size += json.length + 1;
    if (size >= CHUNK_JSON_BYTES) {
      yield { json: `[${pending.join(',')}]`, items: pending.length };
      pending = [];
      size = 0;
    }
  }
  if (pending.length > 0) yield { json: `[${pending.join(',')}]`, items: pending.length };
}
