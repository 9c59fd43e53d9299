import { DomainError } from '@itsm/domain';
import type { MappedColumn } from '../../model/domain/model-mapping';

/**
 * The file's header against the model's columns, as Data Injection checks it (isFileCorrect): the
 * same number of columns, and each header equal to the model's (trimmed, case-insensitive). The
 * error lists every column that differs, so the file can be fixed in one go.
 */
export function checkHeader(header: readonly string[], columns: readonly MappedColumn[]): DomainError | null {
  if (header.length !== columns.length) {
    return new DomainError(
      'rule',
      `The number of columns of the file is incorrect. ${columns.length} awaited / ${header.length} found`,
      {
        details: { awaited: columns.map((mapped) => mapped.column), found: header },
      },
    );
  }
  const differing = columns
    .map((mapped, index) => ({ model: mapped.column, file: header[index] }))
    .filter(({ model, file }) => model.trim().toLowerCase() !== file.trim().toLowerCase());
  if (differing.length === 0) return null;
  return new DomainError(
    'rule',
    `At least one column is incorrect: ${differing.map(({ file, model }) => `"${file}" in the file, "${model}" in the model`).join('; ')}`,
    { details: { differing } },
  );
}

/** Cells of a data line by the model's columns; a line with fewer or more cells than the header says so. */
export function cellsByColumn(columns: readonly MappedColumn[], cells: readonly string[]): Record<string, string> {
  return Object.fromEntries(columns.map((mapped, index) => [mapped.column, cells[index] ?? '']));
}
