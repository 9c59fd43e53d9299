import type { ImportOptions } from '../../model/domain/import-options';
import { fieldsOf, type TargetType } from '../../model/domain/target-fields';
import type { FieldValue, LineValues } from './line-values';
import { RESULT_CODES, type LineProblem, type ResultCode } from './result-codes';

/** The item the link fields found, with its current values (from the importer's read model). */
export interface ExistingItem {
  id: string;
  values: Readonly<Record<string, FieldValue | null | undefined>>;
}

/** What a line does: refused with a code, or a creation or an update of these fields (warnings kept). */
export type LineOutcome =
  | { action: 'refuse'; code: ResultCode; problems: LineProblem[] }
  | {
      action: 'create' | 'update';
      itemId: string | null;
      fields: Record<string, FieldValue>;
      /** code 12 with its 33s when a value was not found and left out */
      code: ResultCode;
      problems: LineProblem[];
    };

export interface LineContext {
  type: TargetType;
  options: Pick<ImportOptions, 'allowCreation' | 'allowUpdate' | 'overwriteNonEmptyFields' | 'multilineValues'>;
  existing: ExistingItem | null;
  /** the fields whose value names nothing known (a dropdown value, a user, a group…), left out with a 33 */
  notFound: readonly string[];
  /** why the caller may not write this line (an entity out of scope, a right or profile not held): code 39 */
  refusal?: string;
}

const FAILING = new Set<ResultCode>([
  RESULT_CODES.typeMismatch,
  RESULT_CODES.mandatoryMissing,
  RESULT_CODES.valueTooLong,
]);

/**
 * Data Injection's steps for one line (glpi-reference §5.5): the data check first (22, 23, 37
 * fail the line), then the rights (39), then add or update as the model allows (31, 32), values
 * not found left out with a warning (33 → 12), existing non-empty fields kept unless the model
 * overwrites them, multiline text replaced or appended.
 */
export function lineOutcome({ values, problems }: LineValues, context: LineContext): LineOutcome {
  const failing = problems.filter((problem) => FAILING.has(problem.code));
  if (failing.length > 0) return { action: 'refuse', code: failing[0].code, problems: failing };
  if (context.refusal) {
    return {
      action: 'refuse',
      code: RESULT_CODES.refused,
      problems: [{ code: RESULT_CODES.refused, field: '', message: context.refusal }],
    };
  }
  const required = fieldsOf(context.type)
    .filter((target) => target.requiredToCreate || target.mustBeFound)
    .map((target) => target.field);
  const missing = context.notFound.filter((field) => required.includes(field));
  if (missing.length > 0) {
    const problems = missing.map((field) => ({
      code: RESULT_CODES.valueNotFound,
      field,
      message: `"${String(values[field])}" was not found for ${field}`,
    }));
    return { action: 'refuse', code: RESULT_CODES.valueNotFound, problems };
  }
  const warnings: LineProblem[] = context.notFound.map((field) => ({
    code: RESULT_CODES.valueNotFound,
    field,
    message: `"${String(values[field])}" was not found for ${field}`,
  }));
  const found = Object.fromEntries(Object.entries(values).filter(([field]) => !context.notFound.includes(field)));
  const code = warnings.length > 0 ? RESULT_CODES.warning : RESULT_CODES.success;
  if (!context.existing) return creation(found, context, code, warnings);
  if (!context.options.allowUpdate) {
    return refuse(
      RESULT_CODES.updateNotAllowed,
      'the line matches an existing item and the model does not allow updates',
    );
  }
  return {
    action: 'update',
    itemId: context.existing.id,
    fields: updatedFields(found, context),
    code,
    problems: warnings,
  };
}

function creation(
  fields: Record<string, FieldValue>,
  context: LineContext,
  code: ResultCode,
  warnings: LineProblem[],
): LineOutcome {
  if (!context.options.allowCreation) {
    return refuse(RESULT_CODES.creationNotAllowed, 'nothing matches the line and the model does not allow creations');
  }
  const missing = fieldsOf(context.type).filter(
    (target) => target.requiredToCreate && fields[target.field] === undefined,
  );
  if (missing.length > 0) {
    const problems = missing.map((target) => ({
      code: RESULT_CODES.mandatoryMissing,
      field: target.field,
      message: `${target.field} is needed to create ${context.type}`,
    }));
    return { action: 'refuse', code: RESULT_CODES.mandatoryMissing, problems };
  }
  return { action: 'create', itemId: null, fields, code, problems: warnings };
}

function updatedFields(fields: Record<string, FieldValue>, context: LineContext): Record<string, FieldValue> {
  const stored = context.existing!.values;
  const multiline = new Set(
    fieldsOf(context.type)
      .filter((target) => target.kind === 'multiline')
      .map((target) => target.field),
  );
  const updated: Record<string, FieldValue> = {};
  for (const [field, value] of Object.entries(fields)) {
    const current = stored[field];
    const filled = current !== null && current !== undefined && current !== '';
    if (filled && !context.options.overwriteNonEmptyFields) continue;
    updated[field] =
      filled && multiline.has(field) && context.options.multilineValues === 'append' && current !== value
        ? `${String(current)}\n${String(value)}`
        : value;
  }
  return updated;
}

const refuse = (code: ResultCode, message: string): LineOutcome => ({
  action: 'refuse',
  code,
  problems: [{ code, field: '', message }],
});
