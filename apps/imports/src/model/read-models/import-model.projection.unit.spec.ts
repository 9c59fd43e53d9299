import { projectEvents } from '@itsm/testing';
import type { ImportModelCreated } from '@itsm/contracts';
import { importModelProjection } from './import-model.projection';

const created: ImportModelCreated = {
  type: 'import-model.created',
  data: {
    modelId: 'm1',
    ownerId: 'u1',
    name: 'Import_ordinateurs',
    comment: '',
    entityId: 'root',
    recursive: false,
    private: true,
    targetType: 'computers',
    options: {
      allowCreation: true,
      allowUpdate: true,
      allowDropdownCreation: false,
      overwriteNonEmptyFields: false,
      dateFormat: 'dd-mm-yyyy',
      floatFormat: 'dot',
      delimiter: ';',
      headerPresent: true,
      encoding: 'auto',
      multilineValues: 'append',
    },
    mapping: [{ column: 'Nom', field: 'name', linkField: true, mandatory: false }],
    additionalFields: [],
  },
};

describe('import_models', () => {
  it('keeps a model as created, then changed', () => {
    const doc = projectEvents(importModelProjection, [
      created,
      { type: 'import-model.changed', data: { modelId: 'm1', name: 'Ordinateurs', private: false } },
    ]);
    expect(doc).toEqual({
      ...created.data,
      name: 'Ordinateurs',
      private: false,
      updatedAt: '2026-11-30T09:00:00.000Z',
    });
  });

  it('forgets a deleted model', () => {
    expect(
      projectEvents(importModelProjection, [created, { type: 'import-model.deleted', data: { modelId: 'm1' } }]),
    ).toBeNull();
  });
});
