import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { ImportOptionsData } from '@itsm/contracts';
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
 */
export async function* fileLines(
  file: Readable,
  options: Pick<ImportOptionsData, 'delimiter' | 'encoding'>,
): AsyncGenerator<FileLine> {
  const parser = parse({
    delimiter: options.delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  });
  const feeding = (async () => {
    let decoder: ChunkDecoder | undefined;
    try {
      for await (const chunk of file) {
        decoder ??= new ChunkDecoder(options.encoding === 'auto' ? detectEncoding(chunk as Buffer) : options.encoding);
        if (!parser.write(decoder.decode(chunk as Buffer)))
          await new Promise((resolve) => parser.once('drain', resolve));
      }
      parser.end(decoder?.decode(new Uint8Array(), true) ?? '');
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  let line = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) yield { line: ++line, cells };
  } finally {
    file.destroy();
    await feeding;
  }
}
