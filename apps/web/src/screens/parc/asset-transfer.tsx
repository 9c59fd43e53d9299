import { useEffect, useRef, useState, type FormEvent } from 'react';
import { assetCommands, useParcCommand } from '../../api/parc-commands';
import type { Asset, AssetRoute } from '../../api/parc-views';
import { ProblemMessage } from '../../components/problem-message';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { entityOptions } from './asset-fields';

/**
 * GLPI's "Transférer": the asset to another of the caller's entities (assets'
 * `POST /api/<type>/:id/transfer`, asset.write on both). The button opens the entity picker,
 * which takes the focus; the service's refusal (a user who does not belong there, say) is shown.
 */
export function AssetTransfer({ assetType, asset }: { assetType: AssetRoute; asset: Asset }) {
  const { t } = useI18n();
  const { me } = useSession();
  const [open, setOpen] = useState(false);
  const [entityId, setEntityId] = useState('');
  const picker = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (open) picker.current?.focus();
  }, [open]);
  const transfer = useParcCommand((target: string) => assetCommands.transfer(assetType, asset.assetId, target));
  const others = entityOptions(me?.entities ?? []).filter(([id]) => id !== asset.entityId);
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('asset.transfer')}
      </button>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void transfer
      .mutateAsync(entityId)
      .then(() => {
        setOpen(false);
        setEntityId('');
      })
      .catch(() => undefined);
  };
  return (
    <form className="card" aria-labelledby="asset-transfer-title" onSubmit={submit}>
      <h2 id="asset-transfer-title">{t('asset.transferTitle', { name: asset.name ?? asset.assetId })}</h2>
      <div className="field">
        <label htmlFor="asset-transfer-entity">{t('asset.transferTo')}</label>
        <select
          id="asset-transfer-entity"
          ref={picker}
          required
          value={entityId}
          onChange={(event) => setEntityId(event.target.value)}
        >
          <option value="">{t('asset.chooseEntity')}</option>
          {others.map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <ProblemMessage error={transfer.error} />
      <button type="submit" disabled={transfer.isPending}>
        {t('asset.transfer')}
      </button>{' '}
      <button type="button" className="link" onClick={() => setOpen(false)}>
        {t('cancel')}
      </button>
    </form>
  );
}
