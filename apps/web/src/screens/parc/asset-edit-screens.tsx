import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { ApiProblem } from '../../api/api-problem';
import { assetCommands, useParcCommand } from '../../api/parc-commands';
import { useAsset } from '../../api/parc-queries';
import { ASSET_ROUTES, type Asset, type AssetRoute } from '../../api/parc-views';
import { ProblemMessage } from '../../components/problem-message';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { useSession } from '../../session/session';
import { AssetForm } from './asset-form';
import { AssetTransfer } from './asset-transfer';
import { ParcAccess, ParcNav } from './parc-nav';

const isAssetRoute = (candidate: string): candidate is AssetRoute =>
  (ASSET_ROUTES as readonly string[]).includes(candidate);

/** The asset's page, once written: the service answers with the asset as its read model holds it. */
function useOpenAsset(assetType: AssetRoute) {
  const navigate = useNavigate();
  return (asset: Asset) =>
    navigate({ to: '/parc/$assetType/$assetId', params: { assetType, assetId: asset.assetId }, search: {} });
}

function CreateAsset({ assetType }: { assetType: AssetRoute }) {
  const { t } = useI18n();
  const open = useOpenAsset(assetType);
  const create = useParcCommand(async (body: Record<string, unknown>) =>
    open(await assetCommands.create(assetType, body)),
  );
  const title = t('asset.new', { type: t(`assetType.${assetType}` as MessageKey) });
  return (
    <>
      <ParcNav />
      <h1>{title}</h1>
      <AssetForm assetType={assetType} title={title} submitLabel={t('asset.add')} command={create} />
    </>
  );
}

function EditAsset({ assetType, assetId }: { assetType: AssetRoute; assetId: string }) {
  const { t } = useI18n();
  const asset = useAsset(assetType, assetId);
  const open = useOpenAsset(assetType);
  const update = useParcCommand(async (body: Record<string, unknown>) =>
    open(await assetCommands.update(assetType, assetId, body)),
  );
  if (asset.error instanceof ApiProblem && asset.error.status === 404) return <h1>{t('notFound')}</h1>;
  if (!asset.data) return <ProblemMessage error={asset.error} />;
  const title = t('asset.edit', { name: asset.data.name ?? asset.data.assetId });
  return (
    <>
      <ParcNav />
      <h1>{title}</h1>
      <AssetForm assetType={assetType} asset={asset.data} title={title} submitLabel={t('save')} command={update} />
    </>
  );
}

/** /parc/$assetType/new: asset.write (the service checks the entity too). */
export function AssetCreateScreen() {
  const { t } = useI18n();
  const { assetType } = useParams({ from: '/parc/$assetType/new' });
  if (!isAssetRoute(assetType)) return <h1>{t('notFound')}</h1>;
  return (
    <ParcAccess right="asset.write">
      <CreateAsset key={assetType} assetType={assetType} />
    </ParcAccess>
  );
}

/** /parc/$assetType/$assetId/edit */
export function AssetEditScreen() {
  const { t } = useI18n();
  const { assetType, assetId } = useParams({ from: '/parc/$assetType/$assetId/edit' });
  if (!isAssetRoute(assetType)) return <h1>{t('notFound')}</h1>;
  return (
    <ParcAccess right="asset.write">
      <EditAsset key={assetId} assetType={assetType} assetId={assetId} />
    </ParcAccess>
  );
}

/**
 * An asset page's actions, each shown only with its right: edit and transfer (asset.write), to the trash,
 * restore and purge (asset.delete; purge from the trash only, GLPI's rule). The service refuses
 * the others anyway.
 */
export function AssetActions({ assetType, asset }: { assetType: AssetRoute; asset: Asset }) {
  const { t } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const { assetId } = asset;
  const trash = useParcCommand(() => assetCommands.trash(assetType, assetId));
  const restore = useParcCommand(() => assetCommands.restore(assetType, assetId));
  const purge = useParcCommand(async () => {
    await assetCommands.purge(assetType, assetId);
    await navigate({ to: '/parc/$assetType', params: { assetType }, search: { trashed: true } });
  });
  const run = (command: { mutateAsync(): Promise<unknown> }) => () => void command.mutateAsync().catch(() => undefined);
  return (
    <div className="actions">
      {asset.trashed && <p className="badge">{t('asset.inTrash')}</p>}
      {can('asset.write') && !asset.trashed && (
        <Link to="/parc/$assetType/$assetId/edit" params={{ assetType, assetId }}>
          {t('asset.editLink')}
        </Link>
      )}
      {can('asset.write') && !asset.trashed && <AssetTransfer assetType={assetType} asset={asset} />}
      {can('asset.delete') && !asset.trashed && (
        <button type="button" onClick={run(trash)} disabled={trash.isPending}>
          {t('asset.toTrash')}
        </button>
      )}
      {can('asset.delete') && asset.trashed && (
        <>
          <button type="button" onClick={run(restore)} disabled={restore.isPending}>
            {t('asset.restore')}
          </button>
          <button type="button" onClick={run(purge)} disabled={purge.isPending}>
            {t('asset.purge')}
          </button>
        </>
      )}
      {[trash, restore, purge].map((command, index) => (
        <ProblemMessage key={index} error={command.error} />
      ))}
    </div>
  );
}
