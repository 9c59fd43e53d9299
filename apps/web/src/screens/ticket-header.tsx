import type { TicketDetail } from '../api/views';
import { DeadlineBadge } from '../components/deadline-badge';
import { levelKey } from '../components/levels';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

/** The ticket's title, status, levels, actors and TTO/TTR badges, as both interfaces show them. */
export function TicketHeader({ ticket, now }: { ticket: TicketDetail; now: number }) {
  const { t, dateTime } = useI18n();
  const names = (role: 'requester' | 'observer' | 'assignee') =>
    ticket.actors[role].map((actor) => actor.name).join(', ') || t('none');
  return (
    <section className="card" aria-labelledby="ticket-title">
      <h1 id="ticket-title">{ticket.title}</h1>
      <dl className="facts">
        <dt>{t('status')}</dt>
        <dd data-testid="ticket-status">{t(`status.${ticket.status}` as MessageKey)}</dd>
        <dt>{t('type')}</dt>
        <dd>{t(ticket.type)}</dd>
        <dt>{t('openedAt')}</dt>
        <dd>{dateTime(ticket.openedAt)}</dd>
        <dt>{t('urgency')}</dt>
        <dd>{t(levelKey(ticket.urgency))}</dd>
        <dt>{t('priority')}</dt>
        <dd>{t(levelKey(ticket.priority))}</dd>
        <dt>{t('requester')}</dt>
        <dd>{names('requester')}</dd>
        <dt>{t('observer')}</dt>
        <dd>{names('observer')}</dd>
        <dt>{t('assignee')}</dt>
        <dd data-testid="ticket-assignees">{names('assignee')}</dd>
      </dl>
      <p className="badges">
        <DeadlineBadge label={t('tto')} slot={ticket.sla?.tto ?? null} now={now} />
        <DeadlineBadge label={t('ttr')} slot={ticket.sla?.ttr ?? null} now={now} />
      </p>
      <h2>{t('description')}</h2>
      <p className="content">{ticket.description}</p>
    </section>
  );
}
