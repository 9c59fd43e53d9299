const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const BOM = [0xef, 0xbb, 0xbf];

/**
 * Counts a CSV file's records as its bytes stream in, the way the run's parser numbers its lines:
 * a newline inside quotes is no new record, blank lines do not count, a last line without newline
 * does, a UTF-8 BOM is no content. Byte-wise, so any chunking and any of our encodings (the quote
 * and newlines are the same bytes in UTF-8 and Windows-1252) give the same count. It sets the
 * progress's total: a file whose quotes csv-parse reads loosely (a quote inside an unquoted cell)
 * may be counted otherwise, which is why the total is an estimate.
 */
export class RecordCounter {
  private complete = 0;
  private quoted = false;
  private lineHasContent = false;
  private bytesSeen = 0;

  push(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.length; at++, this.bytesSeen++) {
      const byte = bytes[at];
      if (this.bytesSeen < BOM.length && byte === BOM[this.bytesSeen] && this.isBomSoFar()) continue;
      if (byte === QUOTE) {
        this.quoted = !this.quoted;
        this.lineHasContent = true;
      } else if (byte === LF && !this.quoted) {
        if (this.lineHasContent) this.complete++;
        this.lineHasContent = false;
      } else if (byte !== CR || this.quoted) {
        this.lineHasContent = true;
      }
    }
  }

  /** the records read so far, the last one counted even without its newline */
  get records(): number {
    return this.complete + (this.lineHasContent ? 1 : 0);
  }

  // only the first bytes, while nothing else was seen, may be a BOM
  private isBomSoFar(): boolean {
    return !this.lineHasContent && this.complete === 0;
  }
}
