import { Inject, Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { MONGO_CONNECTION } from '@itsm/runtime';
import { GridFSBucket, ObjectId, type Binary } from 'mongodb';
import type { Connection } from 'mongoose';
import { RecordCounter } from './domain/record-count';

/**
 * Chunks (1 MiB each) a read of a file fetches per round trip. The driver's own download stream
 * sets no batch size: FerretDB then answers its find with 101 chunks and its getMore with all the
 * rest, which sit in the importer's memory (off the JavaScript heap) until the parser gets to them:
 * +253 MB while a 256 MB dry run was parsed, and a 1 GiB file's getMore would hold the whole file.
 */
export const CHUNKS_PER_READ = 4;

/**
 * Uploaded files in GridFS (`import_files`), so that any replica's worker reads the run's file.
 * FerretDB serves GridFS's two collections like any others.
 */
@Injectable()
export class RunFiles {
  private gridFs?: GridFSBucket;

  constructor(@Inject(MONGO_CONNECTION) private readonly connection: Connection) {}

  /** Made at first use: the connection has its database once it is open. */
  private get bucket(): GridFSBucket {
    // mongoose's driver and ours are the same package: its Db serves GridFS
    this.gridFs ??= new GridFSBucket(this.connection.db as never, {
      bucketName: 'import_files',
      chunkSizeBytes: 1024 * 1024,
    });
    return this.gridFs;
  }

  /**
   * Streams the upload in; a failed or refused upload (too large, cut short) leaves no file behind.
   * Not a pipeline: one destroys the upload while a chunk's insert is under way, which then lands
   * after the removal. The upload is ended instead, every insert done, and then removed whole.
   */
  async store(file: Readable, fileName: string): Promise<{ fileId: string; sizeBytes: number }> {
    const upload = this.bucket.openUploadStream(fileName);
    const written = finished(upload);
    written.catch(() => undefined); // awaited below; an error of the upload's own ends the copy through it
    const counter = new RecordCounter();
    try {
      for await (const chunk of file) {
        counter.push(chunk as Buffer);
        if (!upload.write(chunk)) await Promise.race([once(upload, 'drain'), written]);
      }
      upload.end();
      await written;
      // the progress's total: counted once here rather than by a pass over the file later
      await this.files().updateOne({ _id: upload.id }, { $set: { 'metadata.records': counter.records } });
    } catch (error) {
      if (!upload.writableEnded && !upload.destroyed) upload.end();
      await written.catch(() => undefined);
      await this.remove(upload.id.toString());
      throw error;
    }
    return { fileId: upload.id.toString(), sizeBytes: upload.length };
  }

  /** The file's records (its header included) counted as it came in; null for a file stored before they were. */
  async records(fileId: string): Promise<number | null> {
    const stored = await this.files().findOne({ _id: new ObjectId(fileId) }, { projection: { metadata: 1 } });
    const records = (stored?.metadata as { records?: unknown } | undefined)?.records;
    return typeof records === 'number' ? records : null;
  }

  private files() {
    return this.connection.db!.collection('import_files.files');
  }

  /**
   * The file's bytes, read CHUNKS_PER_READ chunks at a time and only as fast as they are taken
   * (one chunk buffered ahead): its memory stays a few MiB whatever the file's size. Destroying
   * the stream (a reader that stops early) closes the cursor.
   */
  open(fileId: string): Readable {
    return Readable.from(this.chunks(new ObjectId(fileId)), { objectMode: true, highWaterMark: 1 });
  }

  private async *chunks(fileId: ObjectId): AsyncGenerator<Buffer> {
    const db = this.connection.db!;
    const file = await this.files().findOne({ _id: fileId }, { projection: { length: 1, chunkSize: 1 } });
    if (!file) throw new Error(`file ${fileId.toString()} was not found`);
    const expected = Math.ceil(Number(file.length) / Number(file.chunkSize));
    const cursor = db
      .collection<{ n: number; data: Binary }>('import_files.chunks')
      .find({ files_id: fileId }, { batchSize: CHUNKS_PER_READ, projection: { n: 1, data: 1 } })
      .sort({ n: 1 });
    try {
      let n = 0;
      for await (const chunk of cursor) {
        // as the driver's stream checks: a chunk missing or extra is a broken file, not a short one
        if (chunk.n !== n) throw new Error(`file ${fileId.toString()}: chunk ${n} expected, ${chunk.n} found`);
        n++;
        const bytes = chunk.data.buffer;
        yield Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      }
      if (n !== expected) throw new Error(`file ${fileId.toString()}: ${expected} chunks expected, ${n} found`);
    } finally {
      await cursor.close();
    }
  }

  async remove(fileId: string): Promise<void> {
    await this.bucket.delete(new ObjectId(fileId)).catch(() => undefined);
  }
}
