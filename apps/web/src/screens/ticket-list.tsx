import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { ticketPageQuery, useTicketPage, useCategories, useUsers } from '../api/queries';
import { levelKey } from '../components/levels';
import { SavedSearches } from '../components/saved-searches';
import { TicketCells } from '../components/ticket-table';
import { categoryOptions, OptionSelect, userOptions } from '../components/option-select';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { useSession } from '../session/session';
import { criteriaOf, PAGE_SIZE, ticketListSearch, type TicketListSearch } from './ticket-list-search';

/** the open list is read again this often: new tickets and changes show up without a reload */
const LIST_REFRESH_MS = 15_000;
const STATUS_CHOICES = ['notold', 'notclosed', 'all', 'new', 'assigned', 'planned', 'pending', 'solved', 'closed'];
const COLUMNS = [
  { key: 'title', label: 'title' },
  { key: 'status', label: 'status' },
  { key: 'updatedAt', label: 'updatedAt' },
  { key: 'openedAt', label: 'openedAt' },
  { key: 'priority', label: 'priority' },
] as const;

/**
 * Goes to other criteria (back to the first page). Their page is asked here, as the criterion
 * changes, rather than by the route's loader once the router has navigated (which asks for the
 * same query: the two share one request).
 */
function useCriteriaChange(search: TicketListSearch) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (change: Partial<TicketListSearch>) => {
    const next = ticketListSearch({ ...search, page: undefined, ...change });
    void queryClient.prefetchQuery(ticketPageQuery(criteriaOf(next)));
    void navigate({ to: '/tickets', search: next });
  };
}

/**
 * The technician's ticket list: the seed's criteria, sortable columns, pages with totals. Only
 * the results read the page's query: an answer re-renders the table, not the criteria's selects.
 */
export function TicketList({ search }: { search: TicketListSearch }) {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('tickets')}</h1>
      <ListCriteria search={search} />
      <SavedSearches search={search} />
      <TicketResults search={search} />
    </>
  );
}

/** The criteria's selects: status group or status, category, priority, people, entity, SLA breached. */
function ListCriteria({ search }: { search: TicketListSearch }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { me, can } = useSession();
  const categories = useCategories();
  const users = useUsers(can('user.read'));
  const go = useCriteriaChange(search);
  const select = (
    id: string,
    label: string,
    value: string | undefined,
    options: Array<[string, string]>,
    key: keyof TicketListSearch,
  ) => (
    <OptionSelect
      id={id}
      label={label}
      value={value ?? ''}
      options={options}
      emptyLabel={t('all')}
      onChange={(chosen) => go({ [key]: chosen || undefined })}
    />
  );
  const people = userOptions(users.data);
  return (
    <form className="card criteria" aria-label={t('criteria')} onSubmit={(event) => event.preventDefault()}>
      {select(
        'status',
        t('status'),
        search.status,
        STATUS_CHOICES.map((status) => [
          status,
          t((['notold', 'notclosed', 'all'].includes(status) ? `group.${status}` : `status.${status}`) as MessageKey),
        ]),
        'status',
      )}
      {select('category', t('category'), search.categoryId, categoryOptions(categories.data), 'categoryId')}
      {select(
        'priority',
        t('priority'),
        search.priority?.toString(),
        [1, 2, 3, 4, 5, 6].map((p) => [String(p), t(levelKey(p))]),
        'priority',
      )}
      {select('requester', t('requester'), search.requesterId, people, 'requesterId')}
      {select('assignee', t('assignee'), search.assigneeUserId, people, 'assigneeUserId')}
      {select(
        'entity',
        t('entity'),
        search.entityId,
        (me?.entities ?? []).map((e) => [e.entityId, e.name]),
        'entityId',
      )}
      {select(
        'sla',
        t('slaBreached'),
        search.slaBreached,
        [
          ['tto', t('tto')],
          ['ttr', t('ttr')],
          ['any', t('anyBreach')],
        ],
        'slaBreached',
      )}
      <button type="button" onClick={() => void navigate({ to: '/tickets', search: {} })}>
        {t('reset')}
      </button>
    </form>
  );
}

/** The page of tickets with its total, sortable headers and pager; read again every LIST_REFRESH_MS. */
function TicketResults({ search }: { search: TicketListSearch }) {
  const { t, dateTime } = useI18n();
  const criteria = criteriaOf(search);
  const page = useTicketPage(criteria, LIST_REFRESH_MS);
  const go = useCriteriaChange(search);
  const total = page.data?.total ?? 0;
  const current = criteria.page ?? 1;
  const from = total ? (current - 1) * PAGE_SIZE + 1 : 0;
  const to = Math.min(total, current * PAGE_SIZE);
  const sortBy = (column: (typeof COLUMNS)[number]['key']) =>
    go({ sort: column, order: criteria.sort === column && criteria.order === 'desc' ? 'asc' : 'desc' });
  return (
    <>
      <p role="status" data-testid="list-total">
        {t('results', { from, to, total })}
      </p>
      <table className="list">
        <caption className="visually-hidden">{t('tickets')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('id')}</th>
            {COLUMNS.map((column) => (
              <th
                key={column.key}
                scope="col"
                aria-sort={
                  criteria.sort === column.key ? (criteria.order === 'asc' ? 'ascending' : 'descending') : 'none'
                }
              >
                <button
                  type="button"
                  className="link"
                  onClick={() => sortBy(column.key)}
                  aria-label={t('sortBy', { column: t(column.label) })}
                >
                  {t(column.label)}
                </button>
              </th>
            ))}
            <th scope="col">{t('requester')}</th>
            <th scope="col">{t('assignee')}</th>
          </tr>
        </thead>
        <tbody>
          {(page.data?.items ?? []).map((ticket) => (
            <tr key={ticket.ticketId}>
              <TicketCells ticket={ticket} />
              <td>{dateTime(ticket.updatedAt)}</td>
              <td>{dateTime(ticket.openedAt)}</td>
              <td>{t(levelKey(ticket.priority))}</td>
              <td>{ticket.requesters.map((actor) => actor.name).join(', ')}</td>
              <td>{ticket.assignees.map((actor) => actor.name).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav aria-label={t('tickets')} className="pager">
        <button type="button" disabled={current <= 1} onClick={() => go({ page: current - 1 })}>
          {t('previous')}
        </button>
        <button type="button" disabled={to >= total} onClick={() => go({ page: current + 1 })}>
          {t('next')}
        </button>
      </nav>
    </>
  );
}
