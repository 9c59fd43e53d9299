import { useProfiles, useRightsCatalogue } from '../../api/admin';
import { useI18n } from '../../i18n/i18n';

/** GLPI's profiles with their rights as a grid: a row per right, a column per profile. */
export function ProfilesAdmin() {
  const { t } = useI18n();
  const profiles = useProfiles().data ?? [];
  const rights = useRightsCatalogue().data ?? [];
  return (
    <table className="list grid">
      <caption>{t('admin.profiles')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('admin.right')}</th>
          {profiles.map((profile) => (
            <th key={profile.profileId} scope="col">
              {profile.name} ({t(profile.interface === 'helpdesk' ? 'admin.helpdesk' : 'admin.central')})
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rights.map((right) => (
          <tr key={right}>
            <th scope="row">{right}</th>
            {profiles.map((profile) => (
              <td key={profile.profileId}>{profile.rights.includes(right) ? '✓' : ''}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
