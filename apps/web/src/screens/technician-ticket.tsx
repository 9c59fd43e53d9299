import { computePriority, DEFAULT_PRIORITY_MATRIX, legalStatusActions } from '@itsm/domain';
import { useState, type FormEvent } from 'react';
import { useCategories, useUsers } from '../api/queries';
import { ticketCommands, useTicketCommand } from '../api/ticket-actions';
import type { TicketDetail, TimelineEntry } from '../api/views';
import { LevelSelect, levelKey } from '../components/levels';
import { categoryOptions, OptionSelect, userOptions } from '../components/option-select';
import { ProblemMessage } from '../components/problem-message';
import { TextForm } from '../components/text-form';
import { Timeline } from '../components/timeline';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { useSession } from '../session/session';
import { TicketHeader } from './ticket-header';

/** Type, category, urgency and impact; the priority follows urgency × impact as the form changes. */
function Classification({ ticket }: { ticket: TicketDetail }) {
  const { t } = useI18n();
  const categories = useCategories();
  const [urgency, setUrgency] = useState(ticket.urgency);
  const [impact, setImpact] = useState(ticket.impact);
  const [categoryId, setCategoryId] = useState(ticket.categoryId ?? '');
  const update = useTicketCommand(ticket.ticketId, ticketCommands.update);
  const priority = computePriority(DEFAULT_PRIORITY_MATRIX, urgency, impact);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ urgency, impact, categoryId: categoryId || null });
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="classification">
      <h2 id="classification">{t('classification')}</h2>
      <OptionSelect
        id="ticket-category"
        label={t('category')}
        value={categoryId}
        options={categoryOptions(categories.data)}
        onChange={setCategoryId}
      />
      <LevelSelect id="ticket-urgency" label={t('urgency')} value={urgency} onChange={setUrgency} />
      <LevelSelect id="ticket-impact" label={t('impact')} value={impact} onChange={setImpact} impact />
      <p aria-live="polite" data-testid="computed-priority">
        {t('priorityComputed', { priority: t(levelKey(priority)) })}
      </p>
      <ProblemMessage error={update.error} />
      <button type="submit">{t('save')}</button>
    </form>
  );
}

/** Assignment: to me, or to a technician picked from the directory. */
function Actors({ ticket }: { ticket: TicketDetail }) {
  const { t } = useI18n();
  const { me, can } = useSession();
  const users = useUsers(can('user.read'));
  const [userId, setUserId] = useState('');
  const assign = useTicketCommand(ticket.ticketId, ticketCommands.assign);
  const assigned = (id: string) => ticket.actors.assignee.some((actor) => actor.kind === 'user' && actor.id === id);
  const takes = me && !assigned(me.user.userId) && (can('ticket.steal') || can('ticket.assign'));
  // nothing to offer: the actors are in the header already
  if (!takes && !can('ticket.assign')) return null;
  return (
    <section className="card" aria-labelledby="actors">
      <h2 id="actors">{t('actors')}</h2>
      {takes && (
        <button type="button" onClick={() => assign.mutate(me.user.userId)}>
          {t('assignToMe')}
        </button>
      )}
      {can('ticket.assign') && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (userId) assign.mutate(userId);
          }}
        >
          <OptionSelect
            id="assignee"
            label={t('assignUser')}
            value={userId}
            options={userOptions(users.data)}
            onChange={setUserId}
          />
          <button type="submit">{t('assign')}</button>
        </form>
      )}
      <ProblemMessage error={assign.error} />
    </section>
  );
}

/** The status actions of the form and the right each takes (solving and approving have their own forms). */
const STATUS_ACTION_RIGHT = {
  'set-pending': 'ticket.update',
  resume: 'ticket.update',
  close: 'ticket.close',
  reopen: 'ticket.reopen',
} as const;

/** Only the status changes the lifecycle allows from here (solving has its own form below). */
function StatusActions({ ticket }: { ticket: TicketDetail }) {
  const { t } = useI18n();
  const run = useTicketCommand(ticket.ticketId, (id, action: string) => {
    if (action === 'set-pending') return ticketCommands.status(id, 'pending');
    if (action === 'resume') return ticketCommands.status(id, 'processing');
    if (action === 'close') return ticketCommands.close(id);
    return ticketCommands.reopen(id, t('action.reopen'));
  });
  const { can } = useSession();
  const offered = legalStatusActions(ticket.status).filter(
    (action) => action in STATUS_ACTION_RIGHT && can(STATUS_ACTION_RIGHT[action as keyof typeof STATUS_ACTION_RIGHT]),
  );
  return (
    <section className="card" aria-labelledby="status-actions">
      <h2 id="status-actions">{t('statusActions')}</h2>
      {offered.map((action) => (
        <button key={action} type="button" onClick={() => run.mutate(action)} disabled={run.isPending}>
          {t(`action.${action}` as MessageKey)}
        </button>
      ))}
      <ProblemMessage error={run.error} />
    </section>
  );
}

function FollowupForm({ ticketId }: { ticketId: string }) {
  const { t } = useI18n();
  const [isPrivate, setPrivate] = useState(false);
  const followup = useTicketCommand(ticketId, (id, content: string) =>
    ticketCommands.followup(id, { content, private: isPrivate }),
  );
  return (
    <TextForm id="followup" title={t('addFollowup')} label={t('content')} command={followup}>
      <div className="field inline">
        <input
          id="followup-private"
          type="checkbox"
          checked={isPrivate}
          onChange={(e) => setPrivate(e.target.checked)}
        />
        <label htmlFor="followup-private">{t('private')}</label>
      </div>
    </TextForm>
  );
}

function TaskForm({ ticketId }: { ticketId: string }) {
  const { t } = useI18n();
  const [minutes, setMinutes] = useState(30);
  const [isPrivate, setPrivate] = useState(false);
  const task = useTicketCommand(ticketId, (id, content: string) =>
    ticketCommands.task(id, { content, durationMinutes: minutes, private: isPrivate, state: 'done' }),
  );
  return (
    <TextForm id="task" title={t('addTask')} label={t('content')} command={task}>
      <div className="field">
        <label htmlFor="task-duration">{t('durationMinutes')}</label>
        <input
          id="task-duration"
          type="number"
          min={0}
          step={5}
          value={minutes}
          onChange={(event) => setMinutes(Number(event.target.value))}
        />
      </div>
      <div className="field inline">
        <input id="task-private" type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.target.checked)} />
        <label htmlFor="task-private">{t('private')}</label>
      </div>
    </TextForm>
  );
}

function SolutionForm({ ticketId }: { ticketId: string }) {
  const { t } = useI18n();
  const solve = useTicketCommand(ticketId, ticketCommands.solution);
  return <TextForm id="solution" title={t('addSolution')} label={t('solution')} command={solve} />;
}

function ValidationRequest({ ticketId }: { ticketId: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const users = useUsers(can('user.read'));
  const [approverId, setApproverId] = useState('');
  const request = useTicketCommand(ticketId, (id, comment: string) =>
    ticketCommands.requestValidation(id, { approverId, comment }),
  );
  return (
    <TextForm id="validation" title={t('requestValidation')} label={t('comment')} command={request}>
      <OptionSelect
        id="approver"
        label={t('approver')}
        value={approverId}
        options={userOptions(users.data)}
        onChange={setApproverId}
        required
      />
    </TextForm>
  );
}

/** The technician's ticket form: classification, actors, status actions, the timeline and its forms. */
export function TechnicianTicket({ ticket, timeline }: { ticket: TicketDetail; timeline: TimelineEntry[] }) {
  const { t } = useI18n();
  const { can } = useSession();
  const open = ticket.status !== 'closed';
  // an observer (ticket.read-all) sees the ticket and answers approvals; working on it takes ticket.update
  const works = can('ticket.update');
  return (
    <div className="ticket-form">
      <TicketHeader ticket={ticket} now={Date.now()} />
      <div className="columns">
        <div>
          {open && works && <Classification key={`${ticket.urgency}-${ticket.impact}`} ticket={ticket} />}
          {open && works && <Actors ticket={ticket} />}
          {works && <StatusActions ticket={ticket} />}
        </div>
        <div>
          {open && <FollowupForm ticketId={ticket.ticketId} />}
          {open && works && <TaskForm ticketId={ticket.ticketId} />}
          {can('ticket.solve') && legalStatusActions(ticket.status).includes('solve') && (
            <SolutionForm ticketId={ticket.ticketId} />
          )}
          {open && works && <ValidationRequest ticketId={ticket.ticketId} />}
        </div>
      </div>
      <h2>{t('timeline')}</h2>
      <Timeline ticketId={ticket.ticketId} entries={timeline} />
    </div>
  );
}
