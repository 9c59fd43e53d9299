import type { DropdownKind } from '@itsm/contracts';
import { defineProjection } from '@itsm/eventsourcing';
import { nameKey } from '../domain/dropdown-name';

export interface DropdownValueDoc {
  valueId: string;
  kind: DropdownKind;
  entityId: string;
  recursive: boolean;
  name: string;
  /** the name's key: lookups by name (find-or-create) and the sort use it */
  key: string;
  parentId: string | null;
}

/** Every value of every catalogue (GLPI's glpi_manufacturers, glpi_locations, glpi_computertypes…). */
export const dropdownValuesProjection = defineProjection<DropdownValueDoc>({
  name: 'asset_dropdowns',
  indexes: [
    { keys: { valueId: 1 }, options: { name: 'value', unique: true } },
    { keys: { kind: 1, key: 1 }, options: { name: 'kind_key' } },
    { keys: { kind: 1, entityId: 1, key: 1 }, options: { name: 'kind_entity_key' } },
  ],
  handlers: {
    'asset-dropdown.value-added': (_current, { data }) => ({ ...data, key: nameKey(data.name) }),
    'asset-dropdown.value-renamed': (current, { data }) =>
      current && { ...current, name: data.name, key: nameKey(data.name) },
  },
});
