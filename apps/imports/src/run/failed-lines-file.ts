import type { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { isDomainError } from '@itsm/domain';
import type { ImportModelDoc } from '../model/read-models/import-model.projection';
import { neutraliseFormula } from './domain/csv-values';
import { fileLines } from './file-lines';
import type { LineResult } from './line-results';

/**
 * The failed lines as a CSV file: the original columns of each failed line (read again from the
 * stored file), then its line number, code and reason. Every cell that a spreadsheet would run as
 * a formula is neutralised. UTF-8 with a BOM, so that spreadsheets read accents right. A file that
 * stops being CSV (its run failed there) gives the failed lines before the break.
 */
export async function* failedLinesFile(
  file: Readable,
  model: Pick<ImportModelDoc, 'options'>,
  failed: ReadonlyMap<number, LineResult>,
): AsyncGenerator<string> {
  const row = (cells: string[]) =>
    stringify([cells.map(neutraliseFormula)], { delimiter: model.options.delimiter, record_delimiter: '\r\n' });
  yield '\ufeff';
  try {
    for await (const { line, cells } of fileLines(file, model.options)) {
      if (line === 1 && model.options.headerPresent) yield row([...cells, 'Ligne', 'Code', 'Raison']);
      const result = failed.get(line);
      if (result)
        yield row([
          ...cells,
          String(line),
          String(result.code),
          result.field ? `${result.field}: ${result.message}` : result.message,
        ]);
    }
  } catch (error) {
    // a file that stops being CSV failed its run there (its reason says so): its lines end there too
    if (!isDomainError(error) || error.code !== 'invalid') throw error;
  }
}
