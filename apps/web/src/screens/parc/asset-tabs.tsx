import { Link } from '@tanstack/react-router';
import { useGroups } from '../../api/admin';
import { useUsers } from '../../api/queries';
import { useAssetHistory, useAssetTickets, useDropdown } from '../../api/parc-queries';
import type { Asset, AssetRoute } from '../../api/parc-views';
import { levelKey } from '../../components/levels';
import { DataTable, Facts } from '../../components/list-parts';
import { ProblemMessage } from '../../components/problem-message';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { useSession } from '../../session/session';
import { TYPE_FIELDS } from './asset-fields';
import { LockedFields } from './asset-locks';
import { catalogueKindOf, useParcFormat } from './parc-format';

// The tabs every asset type has: general, financial information, tickets, history.

const nameIn = (values: Array<{ valueId: string; name: string }> | undefined, id: string | null) =>
  id ? (values?.find((value) => value.valueId === id)?.name ?? id) : null;

export function GeneralTab({ asset, assetType }: { asset: Asset; assetType: AssetRoute }) {
  const { t, dateTime } = useI18n();
  const { can, me } = useSession();
  const kind = catalogueKindOf(assetType);
  const statuses = useDropdown('status');
  const manufacturers = useDropdown('manufacturer');
  const locations = useDropdown('location');
  const types = useDropdown(`${kind}-type` as Parameters<typeof useDropdown>[0]);
  const models = useDropdown(`${kind}-model` as Parameters<typeof useDropdown>[0]);
  const users = useUsers(can('user.read'));
  const groups = useGroups(can('group.read'));
  const userName = (userId: string | null) =>
    userId && (users.data?.find((candidate) => candidate.userId === userId)?.displayName ?? userId);
  const groupName = (groupId: string | null) =>
    groupId && (groups.data?.find((candidate) => candidate.groupId === groupId)?.name ?? groupId);
  const entityName = me?.entities.find((entity) => entity.entityId === asset.entityId)?.name;
  // the type's own fields (a monitor's size, a printer's counters…), as the assets service returns them
  const own = TYPE_FIELDS[assetType].map(({ name }): [string, string | number | null] => [
    t(name as MessageKey),
    (asset as unknown as Record<string, string | number | null>)[name],
  ]);
  return (
    <>
      <Facts
        facts={[
          [t('entity'), entityName ?? asset.entityId],
          [t('asset.recursive'), t(asset.recursive ? 'yes' : 'no')],
          [t('name'), asset.name],
          [t('status'), nameIn(statuses.data, asset.statusId)],
          [t('type'), nameIn(types.data, asset.typeId)],
          [t('manufacturer'), nameIn(manufacturers.data, asset.manufacturerId)],
          [t('model'), nameIn(models.data, asset.modelId)],
          [t('serial'), asset.serial],
          [t('inventoryNumber'), asset.inventoryNumber],
          [t('uuid'), asset.uuid],
          [t('location'), nameIn(locations.data, asset.locationId)],
          [t('user'), userName(asset.userId)],
          [t('asset.group'), groupName(asset.groupId)],
          [t('asset.technician'), userName(asset.technicianId)],
          [t('asset.technicianGroup'), groupName(asset.technicianGroupId)],
          [t('contact'), asset.contact],
          [t('contactNumber'), asset.contactNumber],
          ...own,
          [t('dynamic'), t(asset.dynamic ? 'yes' : 'no')],
          [t('lastInventoryAt'), asset.lastInventoryAt && dateTime(asset.lastInventoryAt)],
          [t('updatedAt'), dateTime(asset.updatedAt)],
          [t('comment'), asset.comment && <span className="content">{asset.comment}</span>],
        ]}
      />
      <LockedFields asset={asset} assetType={assetType} />
    </>
  );
}

/** GLPI's "Informations financières et administratives", with the net value of the day and the warranty's end. */
export function FinancialTab({ asset }: { asset: Asset }) {
  const { t } = useI18n();
  const { day, amount } = useParcFormat();
  const warranty = asset.warrantyMonths === -1 ? t('lifelong') : day(asset.warrantyExpiresOn);
  return (
    <Facts
      facts={[
        [t('orderDate'), day(asset.orderDate)],
        [t('purchaseDate'), day(asset.purchaseDate)],
        [t('deliveryDate'), day(asset.deliveryDate)],
        [t('inServiceDate'), day(asset.inServiceDate)],
        [t('supplier'), asset.supplier],
        [t('orderNumber'), asset.orderNumber],
        [t('invoiceNumber'), asset.invoiceNumber],
        [t('immobilisationNumber'), asset.immobilisationNumber],
        [t('value'), amount(asset.value)],
        [t('netValue'), amount(asset.netValue)],
        [t('depreciationType'), asset.depreciationType && t(`depreciation.${asset.depreciationType}`)],
        [t('depreciationYears'), asset.depreciationYears],
        [t('warrantyStartDate'), day(asset.warrantyStartDate)],
        [t('warrantyMonths'), asset.warrantyMonths === -1 ? t('lifelong') : asset.warrantyMonths],
        [t('warrantyExpiresOn'), warranty],
      ]}
    />
  );
}

export function TicketsTab({ assetType, assetId }: { assetType: AssetRoute; assetId: string }) {
  const { t, dateTime } = useI18n();
  const tickets = useAssetTickets(assetType, assetId);
  return (
    <>
      <ProblemMessage error={tickets.error} />
      <DataTable
        caption={t('tab.tickets')}
        headers={[t('title'), t('status'), t('priority'), t('openedAt')]}
        keys={(tickets.data?.items ?? []).map((ticket) => ticket.ticketId)}
        rows={(tickets.data?.items ?? []).map((ticket) => [
          <Link key="ticket" to="/tickets/$ticketId" params={{ ticketId: ticket.ticketId }}>
            {ticket.title}
          </Link>,
          t(`status.${ticket.status}` as MessageKey),
          t(levelKey(ticket.priority)),
          dateTime(ticket.openedAt),
        ])}
      />
    </>
  );
}

/** A value of the history as text (objects as JSON: an agent's lists, dates, numbers). */
const shown = (value: unknown) =>
  value === null || value === undefined ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value);

export function HistoryTab({ assetType, assetId }: { assetType: AssetRoute; assetId: string }) {
  const { t, dateTime } = useI18n();
  const history = useAssetHistory(assetType, assetId);
  const entries = [...(history.data ?? [])].reverse();
  return (
    <>
      <ProblemMessage error={history.error} />
      <DataTable
        caption={t('tab.history')}
        headers={[t('date'), t('actor'), t('type'), t('change')]}
        keys={entries.map((entry) => String(entry.sequence))}
        rows={entries.map((entry) => [
          dateTime(entry.at),
          entry.actorName,
          entry.event,
          <span key="changes" className="content">
            {entry.changes.map((change) => `${change.field} : ${shown(change.from)} → ${shown(change.to)}`).join('\n')}
          </span>,
        ])}
      />
    </>
  );
}
