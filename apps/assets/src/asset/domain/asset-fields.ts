import { ASSET_FIELD_NAMES, type AssetFieldName, type AssetFields, type AssetType } from '@itsm/contracts';
import { fieldsRefusal, parseCalendarDay, type DomainError, type FieldError } from '@itsm/domain';

/** Fields only some asset types have (GLPI's type-specific columns). */
const SPECIFIC_FIELDS: Partial<Record<AssetFieldName, AssetType>> = {
  sizeInches: 'monitor',
  initialPageCounter: 'printer',
  lastPageCounter: 'printer',
  firmware: 'network-equipment',
  ramMb: 'network-equipment',
  cpu: 'network-equipment',
  phoneNumber: 'phone',
};

const DAY_FIELDS: AssetFieldName[] = [
  'orderDate',
  'purchaseDate',
  'deliveryDate',
  'inServiceDate',
  'warrantyStartDate',
];

/** The fields an asset of this type has. */
export const fieldsOfType = (assetType: AssetType): AssetFieldName[] =>
  ASSET_FIELD_NAMES.filter((field) => (SPECIFIC_FIELDS[field] ?? assetType) === assetType);

/** Trims text (the comment aside) and turns empty text into null: "  " is no serial. */
export function cleanFields(fields: AssetFields): AssetFields {
  const cleaned: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (value !== undefined) cleaned[field] = cleanValue(field, value);
  }
  return cleaned as AssetFields;
}

function cleanValue(field: string, value: unknown): unknown {
  if (typeof value !== 'string' || field === 'comment') return value;
  const text = value.trim().replace(/\s+/g, ' ');
  return text === '' ? null : text;
}

/** What is wrong with these fields for this type of asset, field by field; null when nothing. */
export function fieldsRefusalFor(assetType: AssetType, fields: AssetFields): DomainError | null {
  const allowed = new Set(fieldsOfType(assetType));
  const errors: FieldError[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (!allowed.has(field as AssetFieldName)) {
      errors.push({ field, message: `a ${assetType} has no ${field}` });
    } else if (DAY_FIELDS.includes(field as AssetFieldName) && value !== null && !parseCalendarDay(value)) {
      errors.push({ field, message: 'must be a calendar day YYYY-MM-DD' });
    }
  }
  if (fields.depreciationType === 'decreasing' && (fields.depreciationCoefficient ?? null) === null) {
    errors.push({ field: 'depreciationCoefficient', message: 'decreasing depreciation needs a coefficient' });
  }
  return fieldsRefusal(errors);
}

/** The fields whose value differs from the current ones (absent counts as null). */
export function changedFields(current: AssetFields, asked: AssetFields): AssetFields {
  const changed: Record<string, unknown> = {};
  const now = current as Record<string, unknown>;
  for (const [field, value] of Object.entries(asked)) {
    if (value === undefined) continue;
    if (JSON.stringify(now[field] ?? null) !== JSON.stringify(value ?? null)) changed[field] = value;
  }
  return changed as AssetFields;
}
