import { assetCommands, useParcCommand } from '../../api/parc-commands';
import type { Asset, AssetRoute } from '../../api/parc-views';
import { ProblemMessage } from '../../components/problem-message';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { useSession } from '../../session/session';
import { fieldsOf } from './asset-fields';

/**
 * GLPI's "Verrous" of a dynamic asset: the fields a person changed, which the agent's inventory
 * leaves alone; asset.write unlocks one so that the next inventory may overwrite it again.
 */
export function LockedFields({ asset, assetType }: { asset: Asset; assetType: AssetRoute }) {
  const { t } = useI18n();
  const { can } = useSession();
  const unlock = useParcCommand((field: string) => assetCommands.unlock(assetType, asset.assetId, [field]));
  if (!asset.dynamic) return null;
  const labelOf = (name: string) =>
    t((fieldsOf(assetType).find((field) => field.name === name)?.label ?? name) as MessageKey);
  return (
    <section aria-labelledby="locked-title">
      <h3 id="locked-title">{t('asset.locked')}</h3>
      {asset.locked.length === 0 ? (
        <p>{t('asset.noLock')}</p>
      ) : (
        <ul>
          {asset.locked.map((name) => (
            <li key={name}>
              {labelOf(name)}{' '}
              {can('asset.write') && !asset.trashed && (
                <button
                  type="button"
                  disabled={unlock.isPending}
                  onClick={() => void unlock.mutateAsync(name).catch(() => undefined)}
                >
                  {t('asset.unlock', { field: labelOf(name) })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ProblemMessage error={unlock.error} />
    </section>
  );
}
