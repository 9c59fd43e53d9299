import { Link } from '@tanstack/react-router';
import type { TicketSummary } from '../api/views';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { levelKey } from './levels';

/** The cells every ticket row starts with: its short number, its title as a link, its status. */
export function TicketCells({ ticket }: { ticket: Pick<TicketSummary, 'ticketId' | 'title' | 'status'> }) {
  const { t } = useI18n();
  return (
    <>
      <td>{ticket.ticketId.slice(-6)}</td>
      <td>
        <Link to="/tickets/$ticketId" params={{ ticketId: ticket.ticketId }}>
          {ticket.title}
        </Link>
      </td>
      <td>{t(`status.${ticket.status}` as MessageKey)}</td>
    </>
  );
}

/** A short list of tickets (home panels): title, status, priority, opening date. */
export function TicketTable({ tickets, caption }: { tickets: TicketSummary[]; caption: string }) {
  const { t, dateTime } = useI18n();
  if (!tickets.length) return <p className="empty">{t('nothing')}</p>;
  return (
    <table>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('id')}</th>
          <th scope="col">{t('title')}</th>
          <th scope="col">{t('status')}</th>
          <th scope="col">{t('priority')}</th>
          <th scope="col">{t('openedAt')}</th>
        </tr>
      </thead>
      <tbody>
        {tickets.map((ticket) => (
          <tr key={ticket.ticketId}>
            <TicketCells ticket={ticket} />
            <td>{t(levelKey(ticket.priority))}</td>
            <td>{dateTime(ticket.openedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
