import { useState } from 'react';
import { adminCommands, adminKeys, useAdminCommand, useEntities } from '../../api/admin';
import type { EntityView } from '../../api/admin-views';
import { AdminForm, TextField } from '../../components/admin-form';
import { OptionSelect } from '../../components/option-select';
import { useI18n } from '../../i18n/i18n';

/** The entities under one parent, each with its own children: GLPI's entity tree. */
function Branch({ entities, parentId }: { entities: EntityView[]; parentId: string | null }) {
  const children = entities.filter((entity) => entity.parentId === parentId);
  if (children.length === 0) return null;
  return (
    <ul>
      {children.map((entity) => (
        <li key={entity.entityId}>
          {entity.name}
          <Branch entities={entities} parentId={entity.entityId} />
        </li>
      ))}
    </ul>
  );
}

/** The top of the tree the caller sees: entities whose parent is not among them. */
export const treeRoots = (entities: EntityView[]) =>
  entities.filter((entity) => !entities.some((other) => other.entityId === entity.parentId));

export function EntitiesAdmin() {
  const { t } = useI18n();
  const entities = useEntities();
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const create = useAdminCommand(adminKeys.entities, adminCommands.createEntity);
  const all = entities.data ?? [];
  return (
    <>
      <section className="card" aria-labelledby="entity-tree">
        <h2 id="entity-tree">{t('admin.entities')}</h2>
        <ul className="tree">
          {treeRoots(all).map((root) => (
            <li key={root.entityId}>
              {root.name}
              <Branch entities={all} parentId={root.entityId} />
            </li>
          ))}
        </ul>
      </section>
      <AdminForm
        id="create-entity"
        title={t('admin.createEntity')}
        command={create}
        onSubmit={async () => {
          await create.mutateAsync({ name, parentId });
          setName('');
        }}
      >
        <TextField id="entity-name" label={t('admin.name')} value={name} onChange={setName} required />
        <OptionSelect
          id="entity-parent"
          label={t('admin.parentEntity')}
          value={parentId}
          required
          options={all.map((entity) => [entity.entityId, entity.completeName])}
          onChange={setParentId}
        />
      </AdminForm>
    </>
  );
}
