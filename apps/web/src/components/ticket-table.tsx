import { Link } from '@tanstack/react-router';
import type { TicketSummary } from '../api/views';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { levelKey } from './levels';

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
            <td>{ticket.ticketId.slice(-6)}</td>
            <td>
              <Link to="/tickets/$ticketId" params={{ ticketId: ticket.ticketId }}>
                {ticket.title}
              </Link>
            </td>
            <td>{t(`status.${ticket.status}` as MessageKey)}</td>
            <td>{t(levelKey(ticket.priority))}</td>
            <td>{dateTime(ticket.openedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
