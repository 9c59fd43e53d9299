import { DomainError, type FieldError } from '@itsm/domain';
import { headerKey } from './propose-mapping';
import { fieldOf, type TargetType } from './target-fields';

/** One column of the file: the field it fills (null: ignored), whether it finds existing items, whether it must be filled. */
export interface MappedColumn {
  column: string;
  field: string | null;
  linkField: boolean;
  mandatory: boolean;
}

/** A field asked at each run and added to every line ("informations complémentaires"). */
export interface AdditionalField {
  field: string;
  mandatory: boolean;
}

/**
 * The refusals of a mapping, each naming its column: unknown or twice-mapped fields, twice-named
 * columns, link fields that cannot identify an item, and GLPI's rule that at least one link field
 * is chosen ("One link field must be selected: it will be used to check if data already exists").
 */
export function mappingErrors(
  type: TargetType,
  columns: readonly MappedColumn[],
  additional: readonly AdditionalField[],
): FieldError[] {
  const errors: FieldError[] = [];
  const columnsSeen = new Set<string>();
  const fieldsSeen = new Set<string>();
  columns.forEach((mapped, index) => {
    const at = `mapping[${index}]`;
    const key = headerKey(mapped.column);
    if (!key) errors.push({ field: `${at}.column`, message: 'a column needs a header' });
    else if (columnsSeen.has(key))
      errors.push({ field: `${at}.column`, message: `column "${mapped.column}" is listed twice` });
    columnsSeen.add(key);
    if (mapped.field === null) {
      if (mapped.linkField)
        errors.push({ field: `${at}.linkField`, message: 'an ignored column cannot be a link field' });
      return;
    }
    const target = fieldOf(type, mapped.field);
    if (!target) errors.push({ field: `${at}.field`, message: `${type} have no field "${mapped.field}"` });
    else if (mapped.linkField && !target.linkable) {
      errors.push({ field: `${at}.linkField`, message: `"${mapped.field}" cannot identify existing ${type}` });
    }
    if (fieldsSeen.has(mapped.field))
      errors.push({ field: `${at}.field`, message: `"${mapped.field}" is mapped twice` });
    fieldsSeen.add(mapped.field);
  });
  if (!columns.some((mapped) => mapped.field !== null && mapped.linkField)) {
    errors.push({
      field: 'mapping',
      message: 'one link field must be selected: it will be used to check if data already exists',
    });
  }
  additional.forEach((info, index) => {
    if (!fieldOf(type, info.field))
      errors.push({ field: `additionalFields[${index}].field`, message: `${type} have no field "${info.field}"` });
    else if (fieldsSeen.has(info.field)) {
      errors.push({
        field: `additionalFields[${index}].field`,
        message: `"${info.field}" is already read from the file`,
      });
    }
  });
  return errors;
}

export function checkMapping(
  type: TargetType,
  columns: readonly MappedColumn[],
  additional: readonly AdditionalField[],
): DomainError | null {
  const errors = mappingErrors(type, columns, additional);
  return errors.length === 0 ? null : new DomainError('invalid', 'the mapping is not usable', { errors });
}
