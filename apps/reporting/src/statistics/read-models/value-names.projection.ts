import { defineProjection } from '@itsm/eventsourcing';

/** A category's or an agreement's name, as the tables show it beside the id they are kept by. */
export interface ValueName {
  /** `category` or `agreement`: the table the value belongs to */
  table: string;
  valueId: string;
  name: string;
}

const byValue = [{ keys: { table: 1, valueId: 1 }, options: { name: 'value', unique: true } }];

/** ITIL categories' names, from the tickets topic (`category.created`). */
export const categoryNamesProjection = defineProjection<ValueName>({
  name: 'reporting_category_names',
  indexes: byValue,
  handlers: {
    'category.created': (_current, { data }) => ({ table: 'category', valueId: data.categoryId, name: data.name }),
  },
});

/** SLAs' and OLAs' names, from the sla topic (`sla.defined`, renamed by `sla.changed`). */
export const agreementNamesProjection = defineProjection<ValueName>({
  name: 'reporting_agreement_names',
  indexes: byValue,
  handlers: {
    'sla.defined': (_current, { data }) => ({ table: 'agreement', valueId: data.slaId, name: data.name }),
    'sla.changed': (_current, { data }) => ({ table: 'agreement', valueId: data.slaId, name: data.name }),
  },
});

/** The table an asset dropdown's values belong to: `computer-model` -> `asset-model`. */
const assetTableOf = (kind: string): string | null =>
  kind.endsWith('-model') ? 'asset-model' : kind.endsWith('-type') ? 'asset-type' : null;

/** Asset types' and models' names, from the assets topic (their dropdowns' values). */
export const assetClassNamesProjection = defineProjection<ValueName>({
  name: 'reporting_asset_class_names',
  indexes: byValue,
  handlers: {
    'asset-dropdown.value-added': (current, { data }) => {
      const table = assetTableOf(data.kind);
      return table ? { table, valueId: data.valueId, name: data.name } : current;
    },
    'asset-dropdown.value-renamed': (current, { data }) => (current ? { ...current, name: data.name } : current),
  },
});
