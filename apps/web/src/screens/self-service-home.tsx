import { useQueries } from '@tanstack/react-query';
import { fetchTicket, ticketKeys, useTicketPage } from '../api/queries';
import { TicketTable } from '../components/ticket-table';
import { useI18n } from '../i18n/i18n';

/** The simplified interface's home: my open tickets, solutions awaiting my approval, surveys to answer. */
export function SelfServiceHome() {
  const { t } = useI18n();
  const open = useTicketPage({ status: 'notold', sort: 'openedAt', order: 'desc', limit: 20 });
  const toApprove = useTicketPage({ view: 'to-approve', sort: 'updatedAt', order: 'desc', limit: 20 });
  const closed = useTicketPage({ status: 'closed', sort: 'updatedAt', order: 'desc', limit: 10 });
  // the list does not carry the satisfaction: the few last closed tickets are read one by one
  const closedDetails = useQueries({
    queries: (closed.data?.items ?? []).map((ticket) => ({
      queryKey: ticketKeys.detail(ticket.ticketId),
      queryFn: () => fetchTicket(ticket.ticketId),
    })),
  });
  const surveys = (closed.data?.items ?? []).filter(
    (_, index) => closedDetails[index]?.data && closedDetails[index].data.satisfaction === null,
  );
  return (
    <>
      <h1>{t('home')}</h1>
      <section aria-labelledby="open-title" className="card">
        <h2 id="open-title">{t('myOpenTickets')}</h2>
        <TicketTable tickets={open.data?.items ?? []} caption={t('myOpenTickets')} />
      </section>
      <section aria-labelledby="approve-title" className="card">
        <h2 id="approve-title">{t('solutionsToApprove')}</h2>
        <TicketTable tickets={toApprove.data?.items ?? []} caption={t('solutionsToApprove')} />
      </section>
      <section aria-labelledby="surveys-title" className="card">
        <h2 id="surveys-title">{t('surveysToAnswer')}</h2>
        <TicketTable tickets={surveys} caption={t('surveysToAnswer')} />
      </section>
    </>
  );
}
