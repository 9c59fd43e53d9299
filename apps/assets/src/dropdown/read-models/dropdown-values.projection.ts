import type { DropdownKind } from '@itsm/contracts';
import { defineProjection } from '@itsm/eventsourcing';
import { nameKey } from '../domain/dropdown-name';

export interface CatalogueValue {
  valueId: string;
  name: string;
  /** the name's key: lookups by name (find-or-create) and the sort use it */
  key: string;
  parentId: string | null;
  recursive: boolean;
  /** absent in the values recorded before comments were kept */
  comment?: string | null;
}

/** One entity's catalogue of one kind, as its stream (`asset-dropdown-<kind>-<entityId>`) holds it. */
export interface CatalogueDoc {
  kind: DropdownKind;
  entityId: string;
  values: CatalogueValue[];
}

/**
 * The catalogues (GLPI's glpi_manufacturers, glpi_locations, glpi_computertypes…), one document
 * per entity and kind: an asset's values are found in its entity's and its ancestors' documents,
 * a few equality reads.
 */
export const dropdownValuesProjection = defineProjection<CatalogueDoc>({
  name: 'asset_dropdowns',
  indexes: [{ keys: { kind: 1, entityId: 1 }, options: { name: 'kind_entity' } }],
  handlers: {
    'asset-dropdown.value-added': (current, { data }) => {
      const { valueId, kind, entityId, recursive, name, parentId } = data;
      const value = { valueId, name, key: nameKey(name), parentId, recursive };
      return { kind, entityId, values: [...(current?.values ?? []), value] };
    },
    'asset-dropdown.value-renamed': (current, { data }) =>
      current && {
        ...current,
        values: current.values.map((value) =>
          value.valueId === data.valueId ? { ...value, name: data.name, key: nameKey(data.name) } : value,
        ),
      },
    'asset-dropdown.value-commented': (current, { data }) =>
      current && {
        ...current,
        values: current.values.map((value) =>
          value.valueId === data.valueId ? { ...value, comment: data.comment } : value,
        ),
      },
  },
});
