import { TextDecoder } from 'node:util';
import { DomainError } from '@itsm/domain';
import type { Encoding } from '../../model/domain/import-options';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

const startsWithBom = (bytes: Uint8Array) => UTF8_BOM.every((byte, index) => bytes[index] === byte);

/** UTF-8 when the first bytes say so (a BOM) or decode as UTF-8; else Windows-1252 (ISO-8859-1's superset). */
export function detectEncoding(firstBytes: Uint8Array): Exclude<Encoding, 'auto'> {
  if (startsWithBom(firstBytes)) return 'utf-8';
  // a multi-byte character cut at the end of the sample is not a reason to refuse UTF-8
  const sample = firstBytes.subarray(0, lastCompleteCharacterEnd(firstBytes));
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

function lastCompleteCharacterEnd(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/**
 * Decodes a file chunk by chunk (a chunk may end inside a character), the BOM dropped. A UTF-8 file
 * with an invalid byte is refused with where it is, rather than read with replacement characters.
 */
export class ChunkDecoder {
  private readonly decoder: TextDecoder;
  private offset = 0;

  constructor(readonly encoding: Exclude<Encoding, 'auto'>) {
    this.decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: false });
  }

  decode(chunk: Uint8Array, last = false): string {
    try {
      const text = this.decoder.decode(chunk, { stream: !last });
      this.offset += chunk.length;
      return text;
    } catch {
      throw new DomainError(
        'invalid',
        `the file is not valid UTF-8 near byte ${this.offset}: choose the ISO-8859-1 encoding`,
        {
          errors: [{ field: 'encoding', message: 'invalid UTF-8' }],
        },
      );
    }
  }
}
