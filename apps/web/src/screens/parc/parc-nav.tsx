import { Link } from '@tanstack/react-router';
import { ASSET_ROUTES } from '../../api/parc-views';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { useSession } from '../../session/session';

/** The Parc's menu (GLPI's "Parc" dropdown): the asset types, then the software catalogue. */
export function ParcNav() {
  const { t } = useI18n();
  const { can } = useSession();
  return (
    <nav aria-label={t('assetTypes')} className="subnav">
      {ASSET_ROUTES.map((assetType) => (
        <Link key={assetType} to="/parc/$assetType" params={{ assetType }} search={{}}>
          {t(`assetType.${assetType}` as MessageKey)}
        </Link>
      ))}
      {can('software.read') && (
        <Link to="/parc/software" search={{}}>
          {t('software')}
        </Link>
      )}
      {can('license.read') && (
        <Link to="/parc/licenses" search={{}}>
          {t('licenses')}
        </Link>
      )}
    </nav>
  );
}

/** The Parc needs asset.read: the simplified interface's users reach their own devices from their tickets only. */
export function ParcAccess({ right = 'asset.read', children }: { right?: string; children: React.ReactNode }) {
  const { t } = useI18n();
  return useSession().can(right) ? <>{children}</> : <h1>{t('forbidden')}</h1>;
}
