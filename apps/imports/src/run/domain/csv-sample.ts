import { parse } from 'csv-parse/sync';
import { DomainError } from '@itsm/domain';

const DELIMITERS = [';', ',', '\t', '|'] as const;

/** The delimiter of a file from its first line: the most frequent of `;`, `,`, tab and `|` outside quotes. */
export function guessDelimiter(firstLine: string): string {
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = DELIMITERS.map((delimiter) => ({ delimiter, count: unquoted.split(delimiter).length - 1 }));
  const best = counts.reduce((top, candidate) => (candidate.count > top.count ? candidate : top));
  return best.count > 0 ? best.delimiter : ';';
}

export interface CsvSample {
  delimiter: string;
  header: string[];
  /** the first lines after the header, cells as written */
  lines: string[][];
}

/**
 * The first lines of a file (its first bytes, decoded; the last line may be cut short), as Data
 * Injection reads 20 lines to build a model's mapping.
 */
export function readSample(text: string, truncated: boolean, delimiter?: string, lines = 20): CsvSample {
  const complete = truncated ? text.slice(0, text.lastIndexOf('\n') + 1) : text;
  const chosen = delimiter ?? guessDelimiter(complete.split(/\r?\n/, 1)[0] ?? '');
  let records: string[][];
  try {
    records = parse(complete, {
      delimiter: chosen,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      to_line: lines + 1,
    });
  } catch (error) {
    throw new DomainError('invalid', `the file cannot be read as CSV: ${(error as Error).message}`, {
      errors: [{ field: 'file', message: 'not CSV' }],
    });
  }
  const [header, ...rest] = records;
  if (!header || header.every((cell) => !cell.trim())) {
    throw new DomainError('invalid', 'the file has no header line', { errors: [{ field: 'file', message: 'empty' }] });
  }
  return { delimiter: chosen, header: header.map((cell) => cell.trim()), lines: rest };
}
