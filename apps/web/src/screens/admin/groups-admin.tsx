import { useState } from 'react';
import { adminCommands, adminKeys, useAdminCommand, useEntities, useGroups } from '../../api/admin';
import { AdminForm, CheckField, TextField } from '../../components/admin-form';
import { DataTable } from '../../components/data-table';
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
      <DataTable
        caption={t('admin.groups')}
        rows={groups.data}
        rowKey={(group) => group.groupId}
        columns={[
          { header: t('admin.name'), cell: (group) => group.name },
          { header: t('entity'), cell: (group) => entityName(group.entityId) },
          { header: t('requester'), cell: (group) => yes(group.isRequester) },
          { header: t('observer'), cell: (group) => yes(group.isObserver) },
          { header: t('assignee'), cell: (group) => yes(group.isAssignee) },
          { header: t('admin.members'), cell: (group) => group.members.length },
        ]}
      />
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
