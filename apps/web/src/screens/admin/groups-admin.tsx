import { useState } from 'react';
import { adminCommands, adminKeys, useAdminCommand, useEntities, useGroups } from '../../api/admin';
import { AdminForm, CheckField, TextField } from '../../components/admin-form';
import { useI18n } from '../../i18n/i18n';

export function GroupsAdmin() {
  const { t } = useI18n();
  const groups = useGroups();
  const entities = useEntities();
  const entityName = (entityId: string) =>
    entities.data?.find((entity) => entity.entityId === entityId)?.completeName ?? entityId;
  const [name, setName] = useState('');
  const [roles, setRoles] = useState({ isRequester: true, isObserver: true, isAssignee: true });
  const create = useAdminCommand(adminKeys.groups, adminCommands.createGroup);
  const yes = (value: boolean) => (value ? t('yes') : t('no'));
  return (
    <>
      <table className="list">
        <caption>{t('admin.groups')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.name')}</th>
            <th scope="col">{t('entity')}</th>
            <th scope="col">{t('requester')}</th>
            <th scope="col">{t('observer')}</th>
            <th scope="col">{t('assignee')}</th>
            <th scope="col">{t('admin.members')}</th>
          </tr>
        </thead>
        <tbody>
          {(groups.data ?? []).map((group) => (
            <tr key={group.groupId}>
              <td>{group.name}</td>
              <td>{entityName(group.entityId)}</td>
              <td>{yes(group.isRequester)}</td>
              <td>{yes(group.isObserver)}</td>
              <td>{yes(group.isAssignee)}</td>
              <td>{group.members.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <AdminForm
        id="create-group"
        title={t('admin.createGroup')}
        command={create}
        onSubmit={async () => {
          await create.mutateAsync({ name, ...roles });
          setName('');
        }}
      >
        <TextField id="group-name" label={t('admin.name')} value={name} onChange={setName} required />
        {(['isRequester', 'isObserver', 'isAssignee'] as const).map((role) => (
          <CheckField
            key={role}
            id={`group-${role}`}
            label={t(`admin.${role}`)}
            checked={roles[role]}
            onChange={(checked) => setRoles({ ...roles, [role]: checked })}
          />
        ))}
      </AdminForm>
    </>
  );
}
