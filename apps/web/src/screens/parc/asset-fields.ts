import type { AssetRoute } from '../../api/parc-views';

// The asset form's fields (GLPI's glpi_computers and siblings, docs/assets.md "Fields"), grouped
// as the form shows them, and how what was typed becomes the request's body.

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'integer'
  | 'day'
  | 'boolean'
  | 'catalogue'
  | 'user'
  | 'group'
  | 'depreciation';

export interface AssetField {
  /** the field's name in the assets API */
  name: string;
  kind: FieldKind;
  /** its label's message key, when not its name */
  label?: string;
  /** a catalogue's kind: a fixed one, or the asset kind's types or models */
  catalogue?: 'status' | 'manufacturer' | 'location' | 'type' | 'model';
}

export const GENERAL_FIELDS: readonly AssetField[] = [
  { name: 'name', kind: 'text' },
  { name: 'statusId', kind: 'catalogue', catalogue: 'status', label: 'status' },
  { name: 'typeId', kind: 'catalogue', catalogue: 'type', label: 'type' },
  { name: 'manufacturerId', kind: 'catalogue', catalogue: 'manufacturer', label: 'manufacturer' },
  { name: 'modelId', kind: 'catalogue', catalogue: 'model', label: 'model' },
  { name: 'serial', kind: 'text' },
  { name: 'inventoryNumber', kind: 'text' },
  { name: 'uuid', kind: 'text' },
  { name: 'locationId', kind: 'catalogue', catalogue: 'location', label: 'location' },
  { name: 'userId', kind: 'user', label: 'user' },
  { name: 'groupId', kind: 'group', label: 'asset.group' },
  { name: 'technicianId', kind: 'user', label: 'asset.technician' },
  { name: 'technicianGroupId', kind: 'group', label: 'asset.technicianGroup' },
  { name: 'contact', kind: 'text' },
  { name: 'contactNumber', kind: 'text' },
  { name: 'comment', kind: 'textarea' },
  { name: 'recursive', kind: 'boolean', label: 'asset.recursive' },
];

/** Another type's field is refused by the service (422 naming it): each type shows its own. */
export const TYPE_FIELDS: Record<AssetRoute, readonly AssetField[]> = {
  computers: [],
  monitors: [{ name: 'sizeInches', kind: 'number' }],
  printers: [
    { name: 'initialPageCounter', kind: 'integer' },
    { name: 'lastPageCounter', kind: 'integer' },
  ],
  'network-equipments': [
    { name: 'firmware', kind: 'text' },
    { name: 'ramMb', kind: 'integer' },
    { name: 'cpu', kind: 'text' },
  ],
  phones: [{ name: 'phoneNumber', kind: 'text' }],
  peripherals: [],
};

export const FINANCIAL_FIELDS: readonly AssetField[] = [
  { name: 'orderDate', kind: 'day' },
  { name: 'purchaseDate', kind: 'day' },
  { name: 'deliveryDate', kind: 'day' },
  { name: 'inServiceDate', kind: 'day' },
  { name: 'supplier', kind: 'text' },
  { name: 'orderNumber', kind: 'text' },
  { name: 'invoiceNumber', kind: 'text' },
  { name: 'immobilisationNumber', kind: 'text' },
  { name: 'value', kind: 'number' },
  { name: 'depreciationType', kind: 'depreciation' },
  { name: 'depreciationYears', kind: 'integer' },
  { name: 'warrantyStartDate', kind: 'day' },
  { name: 'warrantyMonths', kind: 'integer' },
];

export const fieldsOf = (assetType: AssetRoute): AssetField[] => [
  ...GENERAL_FIELDS,
  ...TYPE_FIELDS[assetType],
  ...FINANCIAL_FIELDS,
];

/** What the form's inputs hold: text, '' for none ('true' or '' for a box). */
export type FormValues = Record<string, string>;

/** The inputs' values of an asset (or of a new one: all empty). */
export function formValuesOf(fields: readonly AssetField[], asset?: object): FormValues {
  const held = (asset ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    fields.map(({ name, kind }) => {
      const value = held[name];
      if (value === null || value === undefined || value === false) return [name, ''];
      return [name, kind === 'day' ? String(value).slice(0, 10) : String(value)];
    }),
  );
}

/** An input's text as the API takes it: none is null, numbers as numbers, a box as a boolean. */
function apiValue(kind: FieldKind, text: string): unknown {
  if (kind === 'boolean') return text === 'true';
  const trimmed = kind === 'textarea' ? text : text.trim();
  if (trimmed.trim() === '') return null;
  return kind === 'number' || kind === 'integer' ? Number(trimmed) : trimmed;
}

/**
 * The body of a creation (the fields given) or of an edit (the fields changed since `before`,
 * so that an edit of a dynamic asset locks only what the person changed).
 */
export function requestBodyOf(
  fields: readonly AssetField[],
  values: FormValues,
  before?: FormValues,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const { name, kind } of fields) {
    const text = values[name] ?? '';
    if (before ? before[name] === text : text.trim() === '') continue;
    body[name] = apiValue(kind, text);
  }
  return body;
}

/** The entities in the caller's scope as options, each named by its path from the top of the scope. */
export function entityOptions(
  entities: ReadonlyArray<{ entityId: string; name: string; parentId: string | null }>,
): Array<[string, string]> {
  const byId = new Map(entities.map((entity) => [entity.entityId, entity]));
  const pathOf = (entityId: string): string => {
    const entity = byId.get(entityId);
    if (!entity) return entityId;
    return entity.parentId && byId.has(entity.parentId) ? `${pathOf(entity.parentId)} > ${entity.name}` : entity.name;
  };
  return entities
    .map((entity): [string, string] => [entity.entityId, pathOf(entity.entityId)])
    .sort(([, left], [, right]) => left.localeCompare(right));
}
