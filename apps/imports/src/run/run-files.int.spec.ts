import { useIsolatedStack } from '@itsm/testing';
import { Readable } from 'node:stream';
import mongoose from 'mongoose';
import { CHUNKS_PER_READ, RunFiles } from './run-files';

// A stored file read back on the real store: whole, and never more than CHUNKS_PER_READ chunks a round trip.
const stack = useIsolatedStack();
let files: RunFiles;
/** chunks each find or getMore on the files' chunks answered with, in order */
const batches: number[] = [];

beforeAll(async () => {
  const connection = mongoose.createConnection(stack.mongoUrl, { dbName: stack.dbName, monitorCommands: true });
  stack.onTeardown(() => connection.close());
  await connection.asPromise();
  connection.getClient().on('commandSucceeded', (event) => {
    const cursor = (event.reply as { cursor?: { ns?: string; firstBatch?: unknown[]; nextBatch?: unknown[] } }).cursor;
    if (cursor?.ns?.endsWith('.import_files.chunks'))
      batches.push((cursor.firstBatch ?? cursor.nextBatch ?? []).length);
  });
  files = new RunFiles(connection);
});

/** `size` bytes of numbered lines: a chunk out of place would show. */
function content(size: number): Buffer {
  let text = '';
  for (let line = 0; text.length < size; line++) text += `${line};PC-${line}\n`;
  return Buffer.from(text.slice(0, size));
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

it('reads a file of many chunks back whole, a few chunks per round trip (the driver’s stream took 101, then all the rest)', async () => {
  const bytes = content(12.5 * 1024 * 1024); // 13 chunks of 1 MiB, the last a half
  const { fileId } = await files.store(
    Readable.from([bytes.subarray(0, 5_000_000), bytes.subarray(5_000_000)]),
    'big.csv',
  );
  batches.length = 0;

  const read = await readAll(files.open(fileId));

  expect(read.equals(bytes)).toBe(true);
  expect(batches.reduce((sum, batch) => sum + batch, 0)).toBe(13);
  expect(Math.max(...batches)).toBeLessThanOrEqual(CHUNKS_PER_READ);
});

it('fetches no further than the reader takes (back-pressure): a reader that stopped after one chunk left the rest unread', async () => {
  const { fileId } = await files.store(Readable.from([content(20 * 1024 * 1024)]), 'unread.csv');
  batches.length = 0;
  const reader = files.open(fileId)[Symbol.asyncIterator]();

  expect((await reader.next()).value).toHaveLength(1024 * 1024);
  await reader.return?.(); // the reader stops: the stream is destroyed

  // the chunk taken, the one buffered ahead and the batch they came in: never the whole file
  expect(batches.reduce((sum, batch) => sum + batch, 0)).toBeLessThanOrEqual(2 * CHUNKS_PER_READ);
});

it('refuses to read a file that is not there', async () => {
  await expect(readAll(files.open('6b1300000000000000000000'))).rejects.toThrow(/was not found/);
});
