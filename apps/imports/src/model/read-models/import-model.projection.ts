import type { ImportModelCreated } from '@itsm/contracts';
import { defineProjection } from '@itsm/eventsourcing';

export type ImportModelDoc = ImportModelCreated['data'] & { updatedAt: string };

/** Models as lists and runs read them; a deleted model's document is gone. */
export const importModelProjection = defineProjection<ImportModelDoc>({
  name: 'import_models',
  indexes: [
    { keys: { modelId: 1 }, options: { name: 'model', unique: true } },
    { keys: { entityId: 1, name: 1 }, options: { name: 'entity_name' } },
  ],
  handlers: {
    'import-model.created': (_current, { data, occurredAt }) => ({ ...data, updatedAt: occurredAt }),
    'import-model.changed': (current, { data, occurredAt }) =>
      current && { ...current, ...data, updatedAt: occurredAt },
    'import-model.deleted': () => null,
  },
});
