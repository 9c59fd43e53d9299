import { useState } from 'react';
import { ticketCommands, useTicketCommand } from '../api/ticket-actions';
import type { TicketDetail, TimelineEntry } from '../api/views';
import { TextForm } from '../components/text-form';
import { Timeline } from '../components/timeline';
import { useI18n } from '../i18n/i18n';
import { ProblemMessage } from '../components/problem-message';
import { TicketHeader } from './ticket-header';

/** A solved ticket's requester approves the solution, or refuses it with a reason. */
function SolutionAnswer({ ticketId }: { ticketId: string }) {
  const { t } = useI18n();
  const approve = useTicketCommand(ticketId, (id) => ticketCommands.approve(id));
  const refuse = useTicketCommand(ticketId, (id, reason: string) => ticketCommands.refuse(id, reason));
  return (
    <section className="card" aria-labelledby="solution-answer">
      <h2 id="solution-answer">{t('solution')}</h2>
      <button type="button" onClick={() => approve.mutate(undefined)} disabled={approve.isPending}>
        {t('approveSolution')}
      </button>
      <ProblemMessage error={approve.error} />
      <TextForm id="refusal" title={t('refuseSolution')} label={t('comment')} command={refuse} />
    </section>
  );
}

/** The satisfaction survey of a closed ticket: a rating from 0 to 5 and a comment. */
function Survey({ ticketId }: { ticketId: string }) {
  const { t } = useI18n();
  const [rating, setRating] = useState(5);
  const answerSurvey = useTicketCommand(ticketId, (id, comment: string) =>
    ticketCommands.satisfaction(id, { rating, comment }),
  );
  return (
    <TextForm id="survey" title={t('answerSurvey')} label={t('comment')} required={false} command={answerSurvey}>
      <div className="field">
        <label htmlFor="rating">{t('rating')}</label>
        <input
          id="rating"
          type="number"
          min={0}
          max={5}
          value={rating}
          onChange={(event) => setRating(Number(event.target.value))}
        />
      </div>
    </TextForm>
  );
}

/** My ticket, in the simplified interface: its public timeline, a follow-up, the solution, the survey. */
export function SelfServiceTicket({ ticket, timeline }: { ticket: TicketDetail; timeline: TimelineEntry[] }) {
  const { t } = useI18n();
  const followup = useTicketCommand(ticket.ticketId, (id, content: string) =>
    ticketCommands.followup(id, { content, private: false }),
  );
  return (
    <>
      <TicketHeader ticket={ticket} now={Date.now()} />
      {ticket.status === 'solved' && <SolutionAnswer ticketId={ticket.ticketId} />}
      {ticket.status === 'closed' && !ticket.satisfaction && <Survey ticketId={ticket.ticketId} />}
      {ticket.satisfaction && (
        <p className="card" role="status">
          {t('thanksForAnswer')} ({t('satisfaction')} : {ticket.satisfaction.rating}/5)
        </p>
      )}
      {ticket.status !== 'closed' && (
        <TextForm id="followup" title={t('addFollowup')} label={t('content')} command={followup} />
      )}
      <h2>{t('timeline')}</h2>
      <Timeline ticketId={ticket.ticketId} entries={timeline} />
    </>
  );
}
