import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import type { ImportOptionsData } from '@itsm/contracts';
import { DomainError } from '@itsm/domain';
import { ChunkDecoder, detectEncoding } from './domain/text-decoding';

/** One record of the file: its number (the header is 1; blank lines do not count) and its cells. */
export interface FileLine {
  line: number;
  cells: string[];
}

/**
 * The file's records as they stream from GridFS: decoded (the encoding detected on the first
 * chunk when the model says auto), parsed by csv-parse (quotes, newlines in cells, doubled quotes,
 * CRLF), blank lines skipped. Memory stays flat whatever the file size.
 *
 * The streams are piped, not fed by hand: a reader that stops early (a cancelled run, a header
 * refused, a download left) destroys them all. Fed by hand, the feeder waited for a `drain` that
 * never came once nobody read, and the worker waited for the feeder: its replica took no other run.
 * A file that stops being CSV (a quote never closed) gives its records up to the break, then an
 * `invalid` DomainError naming the line (numbered as the report numbers them): the run fails with
 * it rather than being tried again and again.
 */
export async function* fileLines(
  file: Readable,
  options: Pick<ImportOptionsData, 'delimiter' | 'encoding'>,
): AsyncGenerator<FileLine> {
  let decoder: ChunkDecoder | undefined;
  const decode = new Transform({
    readableObjectMode: true, // strings handed to the parser as they are, not encoded again
    // one decoded chunk (1 MiB of text) waiting for the parser, not the 16 of an object stream's default
    readableHighWaterMark: 1,
    transform(chunk: Buffer, _encoding, done) {
      try {
        decoder ??= new ChunkDecoder(options.encoding === 'auto' ? detectEncoding(chunk) : options.encoding);
        done(null, decoder.decode(chunk) || undefined);
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done) {
      try {
        done(null, decoder?.decode(new Uint8Array(), true) || undefined);
      } catch (error) {
        done(error as Error);
      }
    },
  });
  const parser = parse({
    delimiter: options.delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    // a broken record is reported (skip) rather than thrown: an error destroys the parser, and with
    // it the records parsed before the break that the reader had not taken yet
    skip_records_with_error: true,
  });
  let broken: CsvError | undefined;
  parser.on('skip', (error: CsvError) => (broken ??= error));
  // its errors reach the reader through the parser, which the pipeline destroys with them
  const piped = pipeline(file, decode, parser).catch(() => undefined);
  let line = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      if (broken && line + 1 >= brokenLine(broken)) break;
      yield { line: ++line, cells };
    }
    if (broken) throw unreadable(broken);
  } catch (error) {
    throw error instanceof CsvError ? unreadable(error) : error;
  } finally {
    parser.destroy();
    await piped;
  }
}

/** csv-parse counts records as the report numbers lines (blank lines left out): the next one is broken. */
const brokenLine = (error: CsvError) => Number((error as CsvError & { records?: number }).records ?? 0) + 1;

function unreadable(error: CsvError): DomainError {
  const what =
    error.code === 'CSV_QUOTE_NOT_CLOSED' ? 'opens a quote that is never closed' : `is not CSV (${error.message})`;
  return new DomainError('invalid', `the file cannot be read as CSV: line ${brokenLine(error)} ${what}`, {
    errors: [{ field: 'file', message: 'not CSV' }],
  });
}
