import { useState } from 'react';
import {
  adminCommands,
  adminKeys,
  useAdminCommand,
  useAdminUsers,
  useAuthorizations,
  useEntities,
  useProfiles,
} from '../../api/admin';
import { AdminForm, CheckField, TextField } from '../../components/admin-form';
import { DataTable } from '../../components/data-table';
import { OptionSelect } from '../../components/option-select';
import { ProblemMessage } from '../../components/problem-message';
import { useI18n } from '../../i18n/i18n';

/** The language kept for a user (an administrator may set it; empty: the browser's). */
function UserLanguage({ userId, language }: { userId: string; language: 'fr' | 'en' | null }) {
  const { t } = useI18n();
  const change = useAdminCommand(adminKeys.users, adminCommands.setLanguage);
  return (
    <div className="card">
      <OptionSelect
        id="user-language"
        label={t('admin.userLanguage')}
        value={language ?? ''}
        emptyLabel={t('admin.browserLanguage')}
        options={[
          ['fr', 'Français'],
          ['en', 'English'],
        ]}
        onChange={(chosen) => change.mutate({ userId, language: chosen === 'fr' || chosen === 'en' ? chosen : null })}
      />
      <ProblemMessage error={change.error} />
    </div>
  );
}

/** A user's authorizations (profile × entity × recursive) and the form granting another. */
function Authorizations({ userId }: { userId: string }) {
  const { t } = useI18n();
  const held = useAuthorizations(userId);
  const profiles = useProfiles();
  const entities = useEntities();
  const [profileId, setProfileId] = useState('');
  const [entityId, setEntityId] = useState('');
  const [recursive, setRecursive] = useState(true);
  const grant = useAdminCommand(adminKeys.authorizations(userId), (body: Parameters<typeof adminCommands.grant>[1]) =>
    adminCommands.grant(userId, body),
  );
  const profileName = (id: string) => profiles.data?.find((profile) => profile.profileId === id)?.name ?? id;
  const entityName = (id: string) => entities.data?.find((entity) => entity.entityId === id)?.completeName ?? id;
  return (
    <>
      <DataTable
        caption={t('admin.authorizations')}
        rows={held.data}
        rowKey={(authorization) => authorization.authorizationId}
        columns={[
          { header: t('profile'), cell: (authorization) => profileName(authorization.profileId) },
          { header: t('entity'), cell: (authorization) => entityName(authorization.entityId) },
          { header: t('admin.recursive'), cell: (authorization) => (authorization.recursive ? t('yes') : t('no')) },
        ]}
      />
      <AdminForm
        id="grant"
        title={t('admin.grant')}
        command={grant}
        onSubmit={() => grant.mutateAsync({ profileId, entityId, recursive })}
      >
        <OptionSelect
          id="grant-profile"
          label={t('profile')}
          value={profileId}
          required
          options={(profiles.data ?? []).map((profile) => [profile.profileId, profile.name])}
          onChange={setProfileId}
        />
        <OptionSelect
          id="grant-entity"
          label={t('entity')}
          value={entityId}
          required
          options={(entities.data ?? []).map((entity) => [entity.entityId, entity.completeName])}
          onChange={setEntityId}
        />
        <CheckField id="grant-recursive" label={t('admin.recursive')} checked={recursive} onChange={setRecursive} />
      </AdminForm>
    </>
  );
}

export function UsersAdmin() {
  const { t } = useI18n();
  const users = useAdminUsers();
  const [chosen, setChosen] = useState('');
  const chosenUser = users.data?.find((user) => user.userId === chosen);
  const [fields, setFields] = useState({ login: '', lastName: '', firstName: '', password: '' });
  const create = useAdminCommand(adminKeys.users, adminCommands.createUser);
  const field = (name: keyof typeof fields, type: 'text' | 'password' = 'text') => (
    <TextField
      id={`user-${name}`}
      label={t(name === 'lastName' ? 'admin.lastName' : name === 'firstName' ? 'admin.firstName' : name)}
      type={type}
      value={fields[name]}
      required={name === 'login' || name === 'lastName'}
      onChange={(value) => setFields({ ...fields, [name]: value })}
    />
  );
  return (
    <>
      <DataTable
        caption={t('admin.users')}
        rows={users.data}
        rowKey={(user) => user.userId}
        columns={[
          {
            header: t('login'),
            cell: (user) => (
              <button type="button" className="link" onClick={() => setChosen(user.userId)}>
                {user.login}
              </button>
            ),
          },
          { header: t('admin.lastName'), cell: (user) => user.displayName },
          { header: t('admin.email'), cell: (user) => user.email ?? '' },
          { header: t('admin.active'), cell: (user) => (user.active ? t('yes') : t('no')) },
          { header: t('language'), cell: (user) => user.language ?? '' },
        ]}
      />
      {chosenUser && <UserLanguage userId={chosenUser.userId} language={chosenUser.language} />}
      {chosen && <Authorizations key={chosen} userId={chosen} />}
      <AdminForm
        id="create-user"
        title={t('admin.createUser')}
        command={create}
        onSubmit={async () => {
          await create.mutateAsync(fields);
          setFields({ login: '', lastName: '', firstName: '', password: '' });
        }}
      >
        {field('login')}
        {field('lastName')}
        {field('firstName')}
        {field('password', 'password')}
      </AdminForm>
    </>
  );
}
