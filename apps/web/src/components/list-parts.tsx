import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

/** "De 21 à 40 sur 57" and the previous/next buttons of a paged list. */
export function Pager(props: {
  label: string;
  page: number;
  pageSize: number;
  total: number;
  onPage(page: number): void;
}) {
  const { t } = useI18n();
  const { page, pageSize, total } = props;
  const from = total ? (page - 1) * pageSize + 1 : 0;
  const to = Math.min(total, page * pageSize);
  return (
    <>
      <p role="status" data-testid="list-total">
        {t('results', { from, to, total })}
      </p>
      <nav aria-label={props.label} className="pager">
        <button type="button" disabled={page <= 1} onClick={() => props.onPage(page - 1)}>
          {t('previous')}
        </button>
        <button type="button" disabled={to >= total} onClick={() => props.onPage(page + 1)}>
          {t('next')}
        </button>
      </nav>
    </>
  );
}

/** A column header that sorts the list, telling assistive technologies how it is sorted. */
export function SortableHeader(props: { label: string; sorted: 'asc' | 'desc' | null; onSort(): void }) {
  const { t } = useI18n();
  return (
    <th scope="col" aria-sort={props.sorted === 'asc' ? 'ascending' : props.sorted === 'desc' ? 'descending' : 'none'}>
      <button type="button" className="link" onClick={props.onSort} aria-label={t('sortBy', { column: props.label })}>
        {props.label}
      </button>
    </th>
  );
}

/** A table of rows with its caption (for screen readers) and its headers; "Aucun élément" when empty. */
export function DataTable(props: { caption: string; headers: string[]; rows: ReactNode[][]; keys?: string[] }) {
  const { t } = useI18n();
  if (!props.rows.length) return <p className="empty">{t('noneYet')}</p>;
  return (
    <table className="list">
      <caption className="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          {props.headers.map((header) => (
            <th key={header} scope="col">
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((cells, row) => (
          <tr key={props.keys?.[row] ?? row}>
            {cells.map((cell, column) => (
              <td key={column}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Label/value pairs (a `dl`), values shown as text; an empty value shows as a dash. */
export function Facts({ facts }: { facts: Array<[label: string, value: ReactNode]> }) {
  return (
    <dl className="facts">
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value === null || value === undefined || value === '' ? '—' : value}</dd>
        </div>
      ))}
    </dl>
  );
}
