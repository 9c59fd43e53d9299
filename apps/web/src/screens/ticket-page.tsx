import { ApiProblem } from '../api/api-problem';
import { useTicket, useTimeline } from '../api/queries';
import { ProblemMessage } from '../components/problem-message';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';
import { SelfServiceTicket } from './self-service-ticket';
import { TechnicianTicket } from './technician-ticket';

/** One ticket: the simplified page for the helpdesk interface, the full form for technicians. */
export function TicketPage({ ticketId }: { ticketId: string }) {
  const { t } = useI18n();
  const { selfService } = useSession();
  const ticket = useTicket(ticketId);
  const timeline = useTimeline(ticketId);
  if (ticket.error) {
    const missing = ticket.error instanceof ApiProblem && [403, 404].includes(ticket.error.status);
    return missing ? <h1>{t('notFound')}</h1> : <ProblemMessage error={ticket.error} />;
  }
  if (!ticket.data || !timeline.data) return <p>{t('loading')}</p>;
  return selfService ? (
    <SelfServiceTicket ticket={ticket.data} timeline={timeline.data} />
  ) : (
    <TechnicianTicket ticket={ticket.data} timeline={timeline.data} />
  );
}
