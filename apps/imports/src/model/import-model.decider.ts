import type { ImportModelEvent, ImportOptionsData } from '@itsm/contracts';
import { DomainError, type Decider } from '@itsm/domain';
import { checkMapping, type AdditionalField, type MappedColumn } from './domain/model-mapping';
import type { TargetType } from './domain/target-fields';

export interface ModelFields {
  name: string;
  comment: string;
  entityId: string;
  recursive: boolean;
  private: boolean;
  targetType: TargetType;
  options: ImportOptionsData;
  mapping: MappedColumn[];
  additionalFields: AdditionalField[];
}

export type ModelCommand =
  | ({ type: 'create-model'; modelId: string; ownerId: string } & ModelFields)
  | ({ type: 'change-model' } & Partial<ModelFields>)
  | { type: 'delete-model' };

export interface ModelState {
  modelId: string | null;
  deleted: boolean;
  fields: ModelFields | null;
}

function decide(command: ModelCommand, state: ModelState): ImportModelEvent[] | DomainError {
  if (command.type === 'create-model') {
    if (state.modelId !== null) return new DomainError('conflict', `model ${command.modelId} exists already`);
    const { type: _type, ...data } = command;
    const refused = fieldsRefusal(data);
    return refused ?? [{ type: 'import-model.created', data: { ...data, name: data.name.trim() } }];
  }
  if (state.modelId === null || state.deleted || !state.fields)
    return new DomainError('not_found', 'no such import model');
  const modelId = state.modelId;
  if (command.type === 'delete-model') return [{ type: 'import-model.deleted', data: { modelId } }];
  const { type: _type, ...changes } = command;
  const changed = Object.fromEntries(
    Object.entries(changes).filter(
      ([field, value]) => JSON.stringify(value) !== JSON.stringify(state.fields![field as keyof ModelFields]),
    ),
  ) as Partial<ModelFields>;
  if (Object.keys(changed).length === 0) return [];
  const refused = fieldsRefusal({ ...state.fields, ...changed });
  if (refused) return refused;
  return [
    { type: 'import-model.changed', data: { modelId, ...changed, ...(changed.name && { name: changed.name.trim() }) } },
  ];
}

/** What a model must be whatever changed: a name, and a usable mapping for its type. */
function fieldsRefusal(fields: ModelFields): DomainError | null {
  if (!fields.name.trim()) {
    return new DomainError('invalid', 'a model needs a name', {
      errors: [{ field: 'name', message: 'must not be empty' }],
    });
  }
  return checkMapping(fields.targetType, fields.mapping, fields.additionalFields);
}

function evolve(state: ModelState, event: ImportModelEvent): ModelState {
  switch (event.type) {
    case 'import-model.created': {
      const { modelId, ownerId: _owner, ...fields } = event.data;
      return { modelId, deleted: false, fields: fields as ModelFields };
    }
    case 'import-model.changed': {
      const { modelId: _id, ...changes } = event.data;
      return { ...state, fields: { ...state.fields!, ...(changes as Partial<ModelFields>) } };
    }
    case 'import-model.deleted':
      return { ...state, deleted: true };
  }
}

export const importModelDecider: Decider<ModelCommand, ImportModelEvent, ModelState> = {
  initialState: () => ({ modelId: null, deleted: false, fields: null }),
  decide,
  evolve,
  stateVersion: 1,
};

export const modelStreamId = (modelId: string) => `import-model-${modelId}`;
