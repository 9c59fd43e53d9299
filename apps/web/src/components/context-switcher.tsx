import { DEFAULT_PROFILES } from '@itsm/domain';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';

const profileName = (profileId: string) =>
  DEFAULT_PROFILES.find((profile) => profile.profileId === profileId)?.name ?? profileId;

/** GLPI's header switcher: the profile and entity the user works as, among their authorizations. */
export function ContextSwitcher() {
  const { t } = useI18n();
  const { me, switchContext } = useSession();
  const [choice, setChoice] = useState('');
  if (!me) return null;
  const entityName = (entityId: string) => me.entities.find((entity) => entity.entityId === entityId)?.name ?? entityId;
  const current = me.authorizations.find(
    (authorization) =>
      authorization.profileId === me.activeProfile.profileId && authorization.entityId === me.activeEntityId,
  );
  const selected = choice || current?.authorizationId || '';
  return (
    <form
      className="switcher"
      onSubmit={(event) => {
        event.preventDefault();
        const authorization = me.authorizations.find((candidate) => candidate.authorizationId === selected);
        if (authorization) void switchContext(authorization.profileId, authorization.entityId);
      }}
    >
      <label htmlFor="context">
        {t('profile')} / {t('entity')}
      </label>
      <select id="context" value={selected} onChange={(event) => setChoice(event.target.value)}>
        {me.authorizations.map((authorization) => (
          <option key={authorization.authorizationId} value={authorization.authorizationId}>
            {profileName(authorization.profileId)} · {entityName(authorization.entityId)}
          </option>
        ))}
      </select>
      <button type="submit">{t('switchContext')}</button>
    </form>
  );
}
