import type { ImportModelCreated } from '@itsm/contracts';
import { deciderSpecification } from '@itsm/testing';
import { DEFAULT_OPTIONS } from './domain/import-options';
import { importModelDecider, type ModelFields } from './import-model.decider';

const spec = deciderSpecification(importModelDecider);
const fields: ModelFields = {
  name: 'Import_ordinateurs',
  comment: '',
  entityId: 'root',
  recursive: false,
  private: true,
  targetType: 'computers',
  options: DEFAULT_OPTIONS,
  mapping: [{ column: 'Nom', field: 'name', linkField: true, mandatory: false }],
  additionalFields: [],
};
const created: ImportModelCreated = { type: 'import-model.created', data: { modelId: 'm1', ownerId: 'u1', ...fields } };

describe('import model', () => {
  it('is created with a usable mapping, once', () => {
    spec
      .given([])
      .when({ type: 'create-model', modelId: 'm1', ownerId: 'u1', ...fields })
      .then([created]);
    spec
      .given([created])
      .when({ type: 'create-model', modelId: 'm1', ownerId: 'u1', ...fields })
      .thenFails('conflict');
  });

  it('is refused without a link field or a name', () => {
    const mapping = [{ column: 'Nom', field: 'name', linkField: false, mandatory: false }];
    spec
      .given([])
      .when({ type: 'create-model', modelId: 'm1', ownerId: 'u1', ...fields, mapping })
      .thenFails('invalid', /mapping/);
    spec
      .given([])
      .when({ type: 'create-model', modelId: 'm1', ownerId: 'u1', ...fields, name: '  ' })
      .thenFails('invalid', /name/);
  });

  it('records only what changed, and checks the mapping against a new type', () => {
    spec
      .given([created])
      .when({ type: 'change-model', name: 'Ordinateurs', private: true })
      .then([{ type: 'import-model.changed', data: { modelId: 'm1', name: 'Ordinateurs' } }]);
    spec.given([created]).when({ type: 'change-model', private: true }).then([]);
    spec
      .given([created])
      .when({ type: 'change-model', targetType: 'groups' })
      .then([{ type: 'import-model.changed', data: { modelId: 'm1', targetType: 'groups' } }]);
    spec.given([created]).when({ type: 'change-model', targetType: 'users' }).thenFails('invalid');
  });

  it('is deleted, then is no more', () => {
    const deleted = { type: 'import-model.deleted' as const, data: { modelId: 'm1' } };
    spec.given([created]).when({ type: 'delete-model' }).then([deleted]);
    spec.given([created, deleted]).when({ type: 'change-model', name: 'x' }).thenFails('not_found');
  });
});
