import { useQueries } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { fetchTicket, ticketKeys, useTicketPage } from '../api/queries';
import type { TicketDetail } from '../api/views';
import { DeadlineBadge } from '../components/deadline-badge';
import { TicketTable } from '../components/ticket-table';
import { useI18n } from '../i18n/i18n';

/** My unsolved tickets with their TTR, nearest first: the deadline panel of the central view. */
function Deadlines() {
  const { t } = useI18n();
  const mine = useTicketPage({ view: 'assigned-to-me', status: 'notold', sort: 'priority', order: 'desc', limit: 10 });
  const details = useQueries({
    queries: (mine.data?.items ?? []).map((ticket) => ({
      queryKey: ticketKeys.detail(ticket.ticketId),
      queryFn: () => fetchTicket(ticket.ticketId),
    })),
  });
  const deadlineOf = (ticket: TicketDetail) => (ticket.sla?.ttr ?? ticket.sla?.tto)?.deadline;
  const withDeadline = details
    .map((detail) => detail.data)
    .filter((ticket): ticket is TicketDetail => Boolean(ticket && deadlineOf(ticket)))
    .sort((a, b) => String(deadlineOf(a)).localeCompare(String(deadlineOf(b))));
  const now = Date.now();
  if (!withDeadline.length) return <p className="empty">{t('nothing')}</p>;
  return (
    <ul className="deadlines">
      {withDeadline.map((ticket) => (
        <li key={ticket.ticketId}>
          <Link to="/tickets/$ticketId" params={{ ticketId: ticket.ticketId }}>
            {ticket.title}
          </Link>{' '}
          <DeadlineBadge label={t('tto')} slot={ticket.sla.tto} now={now} />{' '}
          <DeadlineBadge label={t('ttr')} slot={ticket.sla.ttr} now={now} />
        </li>
      ))}
    </ul>
  );
}

/** GLPI's central view: my tickets, my groups' tickets, new tickets, deadlines. */
export function TechnicianHome() {
  const { t } = useI18n();
  const mine = useTicketPage({ view: 'assigned-to-me', status: 'notold', sort: 'updatedAt', order: 'desc' });
  const groups = useTicketPage({ view: 'my-groups', status: 'notold', sort: 'updatedAt', order: 'desc' });
  const fresh = useTicketPage({ status: 'new', sort: 'openedAt', order: 'desc' });
  const panels = [
    { id: 'mine', title: t('myAssignedTickets'), page: mine },
    { id: 'groups', title: t('myGroupsTickets'), page: groups },
    { id: 'new', title: t('newTickets'), page: fresh },
  ];
  return (
    <>
      <h1>{t('home')}</h1>
      <div className="panels">
        {panels.map(({ id, title, page }) => (
          <section key={id} className="card" aria-labelledby={`${id}-title`}>
            <h2 id={`${id}-title`}>
              {title} ({page.data?.total ?? 0})
            </h2>
            <TicketTable tickets={page.data?.items ?? []} caption={title} />
          </section>
        ))}
        <section className="card" aria-labelledby="deadlines-title">
          <h2 id="deadlines-title">{t('deadlines')}</h2>
          <Deadlines />
        </section>
      </div>
    </>
  );
}
