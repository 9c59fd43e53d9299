import { adminCommands, adminKeys, useAdminCommand, useProfiles, useRightsCatalogue } from '../../api/admin';
import type { ProfileView, Right } from '../../api/admin-views';
import { DataTable } from '../../components/data-table';
import { ProblemMessage } from '../../components/problem-message';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { toggled } from './profile-rights';

/**
 * GLPI's profiles with their rights as a grid: a row per right, a column per profile. With
 * profile.write a box gives or takes a right (identity refuses a right the editor lacks);
 * Super-Admin always keeps them all.
 */
export function ProfilesAdmin() {
  const { t } = useI18n();
  const { can } = useSession();
  const profiles = useProfiles().data ?? [];
  const rights = useRightsCatalogue().data ?? [];
  const change = useAdminCommand(adminKeys.profiles, adminCommands.changeRights);
  const box = (profile: ProfileView, right: Right) => (
    <input
      type="checkbox"
      aria-label={`${profile.name} : ${right}`}
      checked={profile.rights.includes(right)}
      disabled={!can('profile.write') || profile.profileId === 'super-admin' || change.isPending}
      onChange={() => change.mutate({ profileId: profile.profileId, rights: toggled(profile.rights, right) })}
    />
  );
  return (
    <>
      <ProblemMessage error={change.error} />
      <DataTable
        className="list grid"
        caption={t('admin.profiles')}
        rows={rights}
        rowKey={(right) => right}
        columns={[
          { header: t('admin.right'), cell: (right) => right, rowHeader: true },
          ...profiles.map((profile) => ({
            header: `${profile.name} (${t(profile.interface === 'helpdesk' ? 'admin.helpdesk' : 'admin.central')})`,
            cell: (right: Right) => box(profile, right),
          })),
        ]}
      />
    </>
  );
}
