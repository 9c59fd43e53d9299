import { useProfiles, useRightsCatalogue } from '../../api/admin';
import { DataTable } from '../../components/data-table';
import { useI18n } from '../../i18n/i18n';

/** GLPI's profiles with their rights as a grid: a row per right, a column per profile. */
export function ProfilesAdmin() {
  const { t } = useI18n();
  const profiles = useProfiles().data ?? [];
  const rights = useRightsCatalogue().data ?? [];
  return (
    <DataTable
      className="list grid"
      caption={t('admin.profiles')}
      rows={rights}
      rowKey={(right) => right}
      columns={[
        { header: t('admin.right'), cell: (right) => right, rowHeader: true },
        ...profiles.map((profile) => ({
          header: `${profile.name} (${t(profile.interface === 'helpdesk' ? 'admin.helpdesk' : 'admin.central')})`,
          cell: (right: string) => (profile.rights.includes(right) ? '✓' : ''),
        })),
      ]}
    />
  );
}
