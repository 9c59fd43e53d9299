import { Link, useParams, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { ApiProblem } from '../../api/api-problem';
import { useAsset } from '../../api/parc-queries';
import { ASSET_ROUTES, type Asset, type AssetRoute } from '../../api/parc-views';
import { ProblemMessage } from '../../components/problem-message';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { tabsOf, assetTab, type AssetTab } from './parc-search';
import { FinancialTab, GeneralTab, HistoryTab, TicketsTab } from './asset-tabs';
import { ComponentsTab, NetworkPortsTab, OperatingSystemTab, SoftwareTab, VolumesTab } from './computer-tabs';
import { ParcAccess, ParcNav } from './parc-nav';
import { AssetActions } from './asset-edit-screens';

function panelOf(tab: AssetTab, asset: Asset, assetType: AssetRoute): ReactNode {
  const { assetId } = asset;
  switch (tab) {
    case 'general':
      return <GeneralTab asset={asset} assetType={assetType} />;
    case 'os':
      return <OperatingSystemTab assetId={assetId} />;
    case 'components':
      return <ComponentsTab assetId={assetId} />;
    case 'volumes':
      return <VolumesTab assetId={assetId} />;
    case 'ports':
      return <NetworkPortsTab assetId={assetId} />;
    case 'software':
      return <SoftwareTab assetId={assetId} />;
    case 'financial':
      return <FinancialTab asset={asset} />;
    case 'tickets':
      return <TicketsTab assetType={assetType} assetId={assetId} />;
    case 'history':
      return <HistoryTab assetType={assetType} assetId={assetId} />;
  }
}

/** An asset's page: its name, GLPI's tabs as links (the tab is in the address), the tab's panel. */
function AssetPage({ assetType, assetId }: { assetType: AssetRoute; assetId: string }) {
  const { t } = useI18n();
  const { tab: raw } = useSearch({ from: '/parc/$assetType/$assetId' });
  const tab = assetTab(assetType, raw);
  const asset = useAsset(assetType, assetId);
  if (asset.error instanceof ApiProblem && asset.error.status === 404) return <h1>{t('notFound')}</h1>;
  if (!asset.data) return <ProblemMessage error={asset.error} />;
  return (
    <>
      <ParcNav />
      <h1>{asset.data.name ?? asset.data.assetId}</h1>
      <AssetActions assetType={assetType} asset={asset.data} />
      <nav aria-label={t('tabs')} className="tabs">
        {tabsOf(assetType).map((candidate) => (
          <Link
            key={candidate}
            to="/parc/$assetType/$assetId"
            params={{ assetType, assetId }}
            // each tab named in the address: a link without it would count as current on every tab
            search={{ tab: candidate }}
            aria-current={candidate === tab ? 'page' : undefined}
          >
            {t(`tab.${candidate}` as MessageKey)}
          </Link>
        ))}
      </nav>
      <section className="card" aria-labelledby="tab-title">
        <h2 id="tab-title">{t(`tab.${tab}` as MessageKey)}</h2>
        {panelOf(tab, asset.data, assetType)}
      </section>
    </>
  );
}

/** /parc/$assetType/$assetId */
export function AssetPageScreen() {
  const { t } = useI18n();
  const { assetType, assetId } = useParams({ from: '/parc/$assetType/$assetId' });
  if (!(ASSET_ROUTES as readonly string[]).includes(assetType)) return <h1>{t('notFound')}</h1>;
  return (
    <ParcAccess>
      <AssetPage key={assetId} assetType={assetType as AssetRoute} assetId={assetId} />
    </ParcAccess>
  );
}
