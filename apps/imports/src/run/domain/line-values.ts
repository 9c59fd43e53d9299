import type { AdditionalField, MappedColumn } from '../../model/domain/model-mapping';
import type { ImportOptions } from '../../model/domain/import-options';
import { fieldOf, type TargetField, type TargetType } from '../../model/domain/target-fields';
import { parseBoolean, parseDay, parseDecimal, parseEmail, parseInteger, parseIp, parseMac } from './csv-values';
import { RESULT_CODES, type LineProblem } from './result-codes';

export type FieldValue = string | number | boolean;

/** A line read through the model: each field's typed value, and what is wrong with it. */
export interface LineValues {
  values: Record<string, FieldValue>;
  problems: LineProblem[];
}

const DEFAULT_MAX_LENGTH = 255;
const MULTILINE_MAX_LENGTH = 65_535;

/**
 * The typed values of one line (cells by column, as the file has them), with the additional
 * information given at the run added to every line. Empty cells fill nothing; a mandatory or link
 * column left empty is code 23, a cell of the wrong type 22, a too long one 37 (glpi-reference §5.5).
 */
export function lineValues(
  type: TargetType,
  columns: readonly MappedColumn[],
  cells: Readonly<Record<string, string>>,
  options: Pick<ImportOptions, 'dateFormat' | 'floatFormat'>,
  additional: Readonly<Record<string, string>> = {},
  additionalFields: readonly AdditionalField[] = [],
): LineValues {
  const values: Record<string, FieldValue> = {};
  const problems: LineProblem[] = [];
  const read = (target: TargetField, raw: string, required: boolean, label: string) => {
    const cell = target.kind === 'multiline' ? raw.trim() : raw.trim().replace(/\s+/g, ' ');
    if (cell === '') {
      if (required) problems.push({ code: RESULT_CODES.mandatoryMissing, field: label, message: `${label} is empty` });
      return;
    }
    const typed = typedValue(target, cell, options);
    if (typed === null) {
      problems.push({
        code: RESULT_CODES.typeMismatch,
        field: label,
        message: `"${cell}" is not ${describe(target, options)}`,
      });
    } else if (typeof typed === 'string' && typed.length > maxLength(target)) {
      problems.push({
        code: RESULT_CODES.valueTooLong,
        field: label,
        message: `${label} is longer than ${maxLength(target)} characters`,
      });
    } else {
      values[target.field] = typed;
    }
  };
  for (const mapped of columns) {
    const target = mapped.field === null ? undefined : fieldOf(type, mapped.field);
    if (target) read(target, cells[mapped.column] ?? '', mapped.mandatory || mapped.linkField, mapped.column);
  }
  for (const info of additionalFields) {
    const target = fieldOf(type, info.field);
    if (target) read(target, additional[info.field] ?? '', info.mandatory, info.field);
  }
  return { values, problems };
}

function typedValue(
  target: TargetField,
  cell: string,
  options: Pick<ImportOptions, 'dateFormat' | 'floatFormat'>,
): FieldValue | null {
  switch (target.kind) {
    case 'integer':
      return parseInteger(cell);
    case 'decimal':
      return parseDecimal(cell, options.floatFormat);
    case 'date':
      return parseDay(cell, options.dateFormat);
    case 'boolean':
      return parseBoolean(cell);
    case 'email':
      return parseEmail(cell);
    case 'mac':
      return parseMac(cell);
    case 'ip':
      return parseIp(cell);
    default:
      return cell;
  }
}

const maxLength = (target: TargetField) =>
  target.maxLength ?? (target.kind === 'multiline' ? MULTILINE_MAX_LENGTH : DEFAULT_MAX_LENGTH);

function describe(target: TargetField, options: Pick<ImportOptions, 'dateFormat' | 'floatFormat'>): string {
  if (target.kind === 'date') return `a date in the format ${options.dateFormat} (a real day)`;
  if (target.kind === 'decimal') return `a number in the format ${options.floatFormat}`;
  return `a valid ${target.kind}`;
}
