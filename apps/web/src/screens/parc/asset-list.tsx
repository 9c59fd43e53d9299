import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { ASSET_PAGE_SIZE, useAssetPage, useDropdown } from '../../api/parc-queries';
import { ASSET_ROUTES, type AssetRoute } from '../../api/parc-views';
import { Pager, SortableHeader } from '../../components/list-parts';
import { OptionSelect } from '../../components/option-select';
import { ProblemMessage } from '../../components/problem-message';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import type { MessageKey } from '../../i18n/messages';
import type { AssetListSearch, AssetSort } from './parc-search';
import { useParcFormat } from './parc-format';
import { ParcAccess, ParcNav } from './parc-nav';

const SORTABLE: Array<{ key: AssetSort; label: MessageKey }> = [
  { key: 'name', label: 'name' },
  { key: 'serial', label: 'serial' },
  { key: 'inventoryNumber', label: 'inventoryNumber' },
  { key: 'updatedAt', label: 'updatedAt' },
  { key: 'lastInventoryAt', label: 'lastInventoryAt' },
];

const TEXT_CRITERIA = ['name', 'serial', 'inventoryNumber'] as const;

/** The text criteria, applied on submit (not at each key). */
function TextCriteria({ search, onSearch }: { search: AssetListSearch; onSearch(change: AssetListSearch): void }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState(() => Object.fromEntries(TEXT_CRITERIA.map((key) => [key, search[key] ?? ''])));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(Object.fromEntries(TEXT_CRITERIA.map((key) => [key, typed[key].trim() || undefined])));
  };
  return (
    <form className="card criteria" aria-label={t('criteria')} onSubmit={submit}>
      {TEXT_CRITERIA.map((key) => (
        <div className="field" key={key}>
          <label htmlFor={`criteria-${key}`}>{t(key)}</label>
          <input
            id={`criteria-${key}`}
            value={typed[key]}
            onChange={(event) => setTyped({ ...typed, [key]: event.target.value })}
          />
        </div>
      ))}
      <button type="submit">{t('search')}</button>
    </form>
  );
}

/** GLPI's list of one asset type: criteria, sortable columns, pages with totals. */
function AssetList({ assetType }: { assetType: AssetRoute }) {
  const { t, dateTime } = useI18n();
  const { day } = useParcFormat();
  const navigate = useNavigate();
  const search = useSearch({ from: '/parc/$assetType' });
  const statuses = useDropdown('status');
  const manufacturers = useDropdown('manufacturer');
  const page = useAssetPage(assetType, search);
  const go = (change: Partial<AssetListSearch>) =>
    void navigate({ to: '/parc/$assetType', params: { assetType }, search: { ...search, page: undefined, ...change } });
  const nameOf = (values: typeof statuses.data, id: string | null) => values?.find((v) => v.valueId === id)?.name ?? '';
  const sortBy = (column: AssetSort) =>
    go({ sort: column, order: (search.sort ?? 'name') === column && search.order !== 'desc' ? 'desc' : 'asc' });
  const title = t(`assetType.${assetType}` as MessageKey);
  return (
    <>
      <ParcNav />
      <h1>{title}</h1>
      {useSession().can('asset.write') && (
        <p>
          <Link to="/parc/$assetType/new" params={{ assetType }}>
            {t('asset.new', { type: title })}
          </Link>
        </p>
      )}
      <TextCriteria key={assetType} search={search} onSearch={go} />
      <div className="criteria">
        <OptionSelect
          id="criteria-status"
          label={t('status')}
          value={search.statusId ?? ''}
          emptyLabel={t('all')}
          options={(statuses.data ?? []).map((value) => [value.valueId, value.name])}
          onChange={(statusId) => go({ statusId: statusId || undefined })}
        />
        <OptionSelect
          id="criteria-manufacturer"
          label={t('manufacturer')}
          value={search.manufacturerId ?? ''}
          emptyLabel={t('all')}
          options={(manufacturers.data ?? []).map((value) => [value.valueId, value.name])}
          onChange={(manufacturerId) => go({ manufacturerId: manufacturerId || undefined })}
        />
        <div className="field inline">
          <input
            id="criteria-trashed"
            type="checkbox"
            checked={search.trashed === true}
            onChange={(event) => go({ trashed: event.target.checked || undefined })}
          />
          <label htmlFor="criteria-trashed">{t('trash')}</label>
        </div>
      </div>
      <ProblemMessage error={page.error} />
      <table className="list">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            {SORTABLE.slice(0, 3).map((column) => (
              <SortableHeader
                key={column.key}
                label={t(column.label)}
                sorted={(search.sort ?? 'name') === column.key ? (search.order ?? 'asc') : null}
                onSort={() => sortBy(column.key)}
              />
            ))}
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('manufacturer')}</th>
            {SORTABLE.slice(3).map((column) => (
              <SortableHeader
                key={column.key}
                label={t(column.label)}
                sorted={search.sort === column.key ? (search.order ?? 'asc') : null}
                onSort={() => sortBy(column.key)}
              />
            ))}
            <th scope="col">{t('warrantyExpiresOn')}</th>
          </tr>
        </thead>
        <tbody>
          {(page.data?.items ?? []).map((asset) => (
            <tr key={asset.assetId}>
              <td>
                <Link
                  to="/parc/$assetType/$assetId"
                  params={{ assetType, assetId: asset.assetId }}
                  search={{ tab: undefined }}
                >
                  {asset.name ?? asset.assetId}
                </Link>
              </td>
              <td>{asset.serial}</td>
              <td>{asset.inventoryNumber}</td>
              <td>{nameOf(statuses.data, asset.statusId)}</td>
              <td>{nameOf(manufacturers.data, asset.manufacturerId)}</td>
              <td>{dateTime(asset.updatedAt)}</td>
              <td>{asset.lastInventoryAt ? dateTime(asset.lastInventoryAt) : ''}</td>
              <td>{day(asset.warrantyExpiresOn)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.data && !page.data.items.length && <p className="empty">{t('noneYet')}</p>}
      <Pager
        label={title}
        page={search.page ?? 1}
        pageSize={ASSET_PAGE_SIZE}
        total={page.data?.total ?? 0}
        onPage={(next) => go({ page: next })}
      />
    </>
  );
}

/** /parc/$assetType: an asset type the Parc knows, for a user with asset.read. */
export function AssetListScreen() {
  const { t } = useI18n();
  const { assetType } = useParams({ from: '/parc/$assetType' });
  if (!(ASSET_ROUTES as readonly string[]).includes(assetType)) return <h1>{t('notFound')}</h1>;
  return (
    <ParcAccess>
      <AssetList key={assetType} assetType={assetType as AssetRoute} />
    </ParcAccess>
  );
}
