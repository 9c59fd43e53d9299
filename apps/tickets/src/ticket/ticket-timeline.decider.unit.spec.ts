import type { ActorRef, TaskFields, TicketEvent, TicketOpened, TicketStatus } from '@itsm/contracts';
import { deciderSpecification } from '@itsm/testing';
import { statusChangesOf, ticketOpened } from '@itsm/fixtures';
import { DEFAULT_PRIORITY_MATRIX } from '@itsm/domain';
import type { TicketCommand } from './ticket.commands';
import { ticketDecider } from './ticket.decider';
import type { TicketState } from './ticket.state';

// The ticket's timeline: follow-ups, tasks (and the planned status they drive), validations
// (approval requests) and documents, and everything a closed ticket refuses (GLPI reference
// §1.1, §1.5, §1.7). The lifecycle is in ticket-lifecycle.decider.unit.spec.ts.

const spec = deciderSpecification(ticketDecider);

type AddTask = Extract<TicketCommand, { type: 'add-task' }>;
type AnswerValidation = Extract<TicketCommand, { type: 'answer-validation' }>;

const TICKET = 'ticket-2';
const blier: ActorRef = { kind: 'user', id: 'S1' };
const tech: ActorRef = { kind: 'user', id: 'tech' };
const normal: ActorRef = { kind: 'user', id: 'normal' };
const supervisors: ActorRef = { kind: 'group', id: 'supervisors' };

const opened = (overrides: Partial<TicketOpened['data']> = {}): TicketEvent =>
  ticketOpened(TICKET, {
    title: "Problème d'impression",
    description: 'Les lignes sont décalées.',
    urgency: 2,
    impact: 2,
    priority: 2,
    requesters: [blier],
    ...overrides,
  });
const statusChanged = statusChangesOf(TICKET);

const PLAN = { plannedBegin: '2022-01-25T10:00:00.000Z', plannedEnd: '2022-01-25T10:30:00.000Z' };
const unplannedTask: TaskFields = {
  content: "Prise en main à distance afin d'accéder à la configuration de l'imprimante",
  durationMinutes: 30,
  state: 'todo',
  plannedBegin: null,
  plannedEnd: null,
  technicianId: 'tech',
  private: false,
};
const plannedTask: TaskFields = { ...unplannedTask, ...PLAN };
const addTask = (fields: Partial<TaskFields> = {}, taskId = 'task-1'): AddTask => ({
  type: 'add-task',
  taskId,
  authorId: 'tech',
  ...unplannedTask,
  ...fields,
});
const taskAdded = (fields: Partial<TaskFields> = {}, taskId = 'task-1'): TicketEvent => ({
  type: 'ticket.task-added',
  data: { ticketId: TICKET, taskId, authorId: 'tech', ...unplannedTask, ...fields },
});

const newTicket: TicketEvent[] = [opened()];
const assignedTicket: TicketEvent[] = [opened({ assignees: [tech] }), statusChanged('new', 'assigned', 'assigned')];
const plannedTicket: TicketEvent[] = [
  ...assignedTicket,
  taskAdded(PLAN),
  statusChanged('assigned', 'planned', 'planned'),
];
const pendingTicket: TicketEvent[] = [...assignedTicket, statusChanged('assigned', 'pending', 'pending')];
const solvedTicket: TicketEvent[] = [
  ...assignedTicket,
  {
    type: 'ticket.solution-added',
    data: { ticketId: TICKET, solutionId: 'solution-1', content: 'Réalignement', solutionType: null, authorId: 'tech' },
  },
  statusChanged('assigned', 'solved', 'solved'),
];
const closedTicket: TicketEvent[] = [
  ...solvedTicket,
  { type: 'ticket.solution-approved', data: { ticketId: TICKET, solutionId: 'solution-1', approvedBy: 'S1' } },
  statusChanged('solved', 'closed', 'approved'),
];
const ticketIn: Record<TicketStatus, TicketEvent[]> = {
  new: newTicket,
  assigned: assignedTicket,
  planned: plannedTicket,
  pending: pendingTicket,
  solved: solvedTicket,
  closed: closedTicket,
};
const OPEN_OR_SOLVED: TicketStatus[] = ['new', 'assigned', 'planned', 'pending', 'solved'];

const fold = (events: TicketEvent[]): TicketState => events.reduce(ticketDecider.evolve, ticketDecider.initialState());

const validationRequested = (approver: ActorRef, validationId = 'validation-1'): TicketEvent => ({
  type: 'ticket.validation-requested',
  data: { ticketId: TICKET, validationId, approver, comment: 'Pouvez-vous valider ?', requesterId: 'tech' },
});
const answer = (overrides: Partial<AnswerValidation> = {}): AnswerValidation => ({
  type: 'answer-validation',
  validationId: 'validation-1',
  decision: 'accepted',
  comment: '',
  answeredBy: 'normal',
  answererGroupIds: [],
  ...overrides,
});
const validationAnswered = (decision: 'accepted' | 'refused', comment: string, answeredBy: string): TicketEvent => ({
  type: 'ticket.validation-answered',
  data: { ticketId: TICKET, validationId: 'validation-1', decision, comment, answeredBy },
});

describe('the ticket decider: timeline', () => {
  it('each given history leaves the ticket in the status it is named after', () => {
    for (const [status, events] of Object.entries(ticketIn)) expect(fold(events).status).toBe(status);
  });

  describe('add-followup', () => {
    const addFollowup = {
      type: 'add-followup',
      followupId: 'followup-1',
      content: 'La cartouche vient d’être changée',
      private: false,
      authorId: 'tech',
    } as const;

    it.each(OPEN_OR_SOLVED)('a %s ticket takes a follow-up, its status unchanged', (status) => {
      spec
        .given(ticketIn[status])
        .when(addFollowup)
        .then([
          {
            type: 'ticket.followup-added',
            data: {
              ticketId: TICKET,
              followupId: 'followup-1',
              content: 'La cartouche vient d’être changée',
              private: false,
              authorId: 'tech',
            },
          },
        ]);
    });

    it('takes a pending ticket back to work when its requester answers, as GLPI does (the TTR resumes)', () => {
      spec
        .given(pendingTicket)
        .when({ ...addFollowup, content: 'Voici le numéro de série', authorId: 'S1' })
        .then([
          {
            type: 'ticket.followup-added',
            data: {
              ticketId: TICKET,
              followupId: 'followup-1',
              content: 'Voici le numéro de série',
              private: false,
              authorId: 'S1',
            },
          },
          statusChanged('pending', 'assigned', 'resumed'),
        ]);
    });

    it('keeps a private follow-up private', () => {
      spec
        .given(assignedTicket)
        .when({ ...addFollowup, private: true, authorId: 'normal' })
        .then([
          {
            type: 'ticket.followup-added',
            data: {
              ticketId: TICKET,
              followupId: 'followup-1',
              content: 'La cartouche vient d’être changée',
              private: true,
              authorId: 'normal',
            },
          },
        ]);
    });

    it.each(['', ' \n '])('refuses an empty follow-up %p', (content) => {
      spec
        .given(assignedTicket)
        .when({ ...addFollowup, content })
        .thenFails('invalid', /a follow-up needs content/);
    });

    it('a follow-up leaves the state as it was', () => {
      const followup: TicketEvent = {
        type: 'ticket.followup-added',
        data: { ticketId: TICKET, followupId: 'f', content: 'x', private: false, authorId: 'tech' },
      };
      expect(fold([...assignedTicket, followup])).toEqual(fold(assignedTicket));
    });
  });

  describe('add-task', () => {
    it('an unplanned task leaves an assigned ticket assigned', () => {
      spec.given(assignedTicket).when(addTask()).then([taskAdded()]);
    });

    it('a planned task still to do makes an assigned ticket planned', () => {
      spec
        .given(assignedTicket)
        .when(addTask(PLAN))
        .then([taskAdded(PLAN), statusChanged('assigned', 'planned', 'planned')]);
    });

    it('a planned task on a new ticket without assignee leaves it new', () => {
      spec
        .given(newTicket)
        .when(addTask(PLAN))
        .then([taskAdded(PLAN)]);
    });

    it('a planned task already done plans nothing', () => {
      spec
        .given(assignedTicket)
        .when(addTask({ ...PLAN, state: 'done' }))
        .then([taskAdded({ ...PLAN, state: 'done' })]);
    });

    it('another planned task on a planned ticket changes nothing else', () => {
      spec
        .given(plannedTicket)
        .when(addTask(PLAN, 'task-2'))
        .then([taskAdded(PLAN, 'task-2')]);
    });

    it.each(['pending', 'solved'] as const)('a planned task leaves a %s ticket %s', (status) => {
      spec
        .given(ticketIn[status])
        .when(addTask(PLAN, 'task-2'))
        .then([taskAdded(PLAN, 'task-2')]);
    });

    it('keeps every field of the task: private, done, no technician, no time', () => {
      const fields: Partial<TaskFields> = { private: true, state: 'done', technicianId: null, durationMinutes: 0 };
      spec
        .given(assignedTicket)
        .when(addTask(fields))
        .then([taskAdded(fields)]);
    });

    it('a planned end equal to its start is a plan', () => {
      const instant = { plannedBegin: PLAN.plannedBegin, plannedEnd: PLAN.plannedBegin };
      spec
        .given(assignedTicket)
        .when(addTask(instant))
        .then([taskAdded(instant), statusChanged('assigned', 'planned', 'planned')]);
    });

    it.each<[string, Partial<TaskFields>, RegExp]>([
      ['empty content', { content: '  ' }, /a task needs content/],
      ['a negative duration', { durationMinutes: -1 }, /durationMinutes must be a whole number of minutes/],
      ['a fractional duration', { durationMinutes: 2.5 }, /durationMinutes must be a whole number of minutes/],
      ['a duration that is not a number', { durationMinutes: Number.NaN }, /durationMinutes must be a whole number/],
      ['a start without an end', { plannedBegin: PLAN.plannedBegin }, /needs both plannedBegin and plannedEnd/],
      ['an end without a start', { plannedEnd: PLAN.plannedEnd }, /needs both plannedBegin and plannedEnd/],
      [
        'an end before its start',
        { plannedBegin: PLAN.plannedEnd, plannedEnd: PLAN.plannedBegin },
        /plannedEnd comes before plannedBegin/,
      ],
      // Date.parse would read neither: the end-before-begin rule could not be checked
      ['a week date for a start', { ...PLAN, plannedBegin: '2026-W01' }, /plannedBegin must be an RFC 3339 date-time/],
      ['a basic-format end', { ...PLAN, plannedEnd: '20260101' }, /plannedEnd must be an RFC 3339 date-time/],
      ['an end without minutes', { ...PLAN, plannedEnd: '2026-01-01T10' }, /plannedEnd must be an RFC 3339 date-time/],
      // Date.parse would roll it over to March 2 and find it after the start
      [
        'an end on a day that does not exist',
        { plannedBegin: '2026-03-01T10:00:00Z', plannedEnd: '2026-02-30T10:00:00Z' },
        /plannedEnd must be an RFC 3339 date-time/,
      ],
    ])('refuses a task with %s', (_label, fields, message) => {
      spec.given(assignedTicket).when(addTask(fields)).thenFails('invalid', message);
    });

    it('refuses a task id that is already taken', () => {
      spec
        .given([...assignedTicket, taskAdded()])
        .when(addTask({ content: 'Autre chose' }))
        .thenFails('conflict', /task task-1 already exists/);
    });

    it('the state holds the task without its ids or author', () => {
      expect(fold(plannedTicket).tasks).toEqual({ 'task-1': plannedTask });
    });
  });

  describe('update-task', () => {
    it('marking the only planned task done sends a planned ticket back to assigned', () => {
      spec
        .given(plannedTicket)
        .when({ type: 'update-task', taskId: 'task-1', changes: { state: 'done' } })
        .then([
          { type: 'ticket.task-updated', data: { ticketId: TICKET, taskId: 'task-1', state: 'done' } },
          statusChanged('planned', 'assigned', 'unplanned'),
        ]);
    });

    it('taking the plan off the only planned task sends a planned ticket back to assigned', () => {
      spec
        .given(plannedTicket)
        .when({ type: 'update-task', taskId: 'task-1', changes: { plannedBegin: null, plannedEnd: null } })
        .then([
          {
            type: 'ticket.task-updated',
            data: { ticketId: TICKET, taskId: 'task-1', plannedBegin: null, plannedEnd: null },
          },
          statusChanged('planned', 'assigned', 'unplanned'),
        ]);
    });

    it('marking one of two planned tasks done leaves the ticket planned', () => {
      spec
        .given([...plannedTicket, taskAdded(PLAN, 'task-2')])
        .when({ type: 'update-task', taskId: 'task-1', changes: { state: 'done' } })
        .then([{ type: 'ticket.task-updated', data: { ticketId: TICKET, taskId: 'task-1', state: 'done' } }]);
    });

    it('planning a task of an assigned ticket makes it planned', () => {
      spec
        .given([...assignedTicket, taskAdded()])
        .when({ type: 'update-task', taskId: 'task-1', changes: PLAN })
        .then([
          { type: 'ticket.task-updated', data: { ticketId: TICKET, taskId: 'task-1', ...PLAN } },
          statusChanged('assigned', 'planned', 'planned'),
        ]);
    });

    it('a task done again to do, with its plan, makes an assigned ticket planned again', () => {
      spec
        .given([...assignedTicket, taskAdded({ ...PLAN, state: 'done' })])
        .when({ type: 'update-task', taskId: 'task-1', changes: { state: 'todo' } })
        .then([
          { type: 'ticket.task-updated', data: { ticketId: TICKET, taskId: 'task-1', state: 'todo' } },
          statusChanged('assigned', 'planned', 'planned'),
        ]);
    });

    it('marking the only planned task of a pending ticket done leaves it pending', () => {
      spec
        .given([...plannedTicket, statusChanged('planned', 'pending', 'pending')])
        .when({ type: 'update-task', taskId: 'task-1', changes: { state: 'done' } })
        .then([{ type: 'ticket.task-updated', data: { ticketId: TICKET, taskId: 'task-1', state: 'done' } }]);
    });

    it('planning a task of a new ticket without assignee leaves it new', () => {
      spec
        .given([...newTicket, taskAdded()])
        .when({ type: 'update-task', taskId: 'task-1', changes: PLAN })
        .then([{ type: 'ticket.task-updated', data: { ticketId: TICKET, taskId: 'task-1', ...PLAN } }]);
    });

    it('records only the fields that really change', () => {
      spec
        .given([...assignedTicket, taskAdded()])
        .when({
          type: 'update-task',
          taskId: 'task-1',
          changes: { content: unplannedTask.content, durationMinutes: 45, private: true },
        })
        .then([
          {
            type: 'ticket.task-updated',
            data: { ticketId: TICKET, taskId: 'task-1', durationMinutes: 45, private: true },
          },
        ]);
    });

    it('does nothing when nothing changes', () => {
      spec
        .given(plannedTicket)
        .when({ type: 'update-task', taskId: 'task-1', changes: { state: 'todo', ...PLAN } })
        .then([]);
    });

    it.each<[string, Partial<TaskFields>, RegExp]>([
      ['empty content', { content: '' }, /a task needs content/],
      ['a negative duration', { durationMinutes: -5 }, /durationMinutes must be a whole number of minutes/],
      ['an end and no start', { plannedBegin: null }, /needs both plannedBegin and plannedEnd/],
      ['an end before its start', { plannedEnd: '2022-01-25T09:00:00.000Z' }, /plannedEnd comes before plannedBegin/],
      [
        'an end before its start given in another offset',
        { plannedEnd: '2022-01-25T10:15:00.000+01:00' },
        /plannedEnd comes before plannedBegin/,
      ],
      ['a start that is no date', { plannedBegin: '2022-W04' }, /plannedBegin must be an RFC 3339 date-time/],
    ])('refuses to leave the task with %s', (_label, changes, message) => {
      spec.given(plannedTicket).when({ type: 'update-task', taskId: 'task-1', changes }).thenFails('invalid', message);
    });

    it('refuses to update a task the ticket does not have', () => {
      spec
        .given(plannedTicket)
        .when({ type: 'update-task', taskId: 'task-9', changes: { state: 'done' } })
        .thenFails('not_found', /no task task-9 on this ticket/);
    });

    it('the state merges the changes into the task', () => {
      const updated: TicketEvent = {
        type: 'ticket.task-updated',
        data: { ticketId: TICKET, taskId: 'task-1', state: 'done', durationMinutes: 40 },
      };
      expect(fold([...plannedTicket, updated]).tasks).toEqual({
        'task-1': { ...plannedTask, state: 'done', durationMinutes: 40 },
      });
    });
  });

  describe('request-validation', () => {
    it.each([
      ['a user', normal],
      ['a group', supervisors],
    ] as const)('asks %s for an approval', (_label, approver) => {
      spec
        .given(assignedTicket)
        .when({
          type: 'request-validation',
          validationId: 'validation-1',
          approver,
          comment: 'Pouvez-vous valider ?',
          requesterId: 'tech',
        })
        .then([validationRequested(approver)]);
    });

    it.each(OPEN_OR_SOLVED)('a %s ticket may ask for an approval', (status) => {
      spec
        .given(ticketIn[status])
        .when({
          type: 'request-validation',
          validationId: 'validation-1',
          approver: normal,
          comment: 'Pouvez-vous valider ?',
          requesterId: 'tech',
        })
        .then([validationRequested(normal)]);
    });

    it('refuses a validation id that is already taken, which would reopen an answered validation', () => {
      spec
        .given([...assignedTicket, validationRequested(normal), validationAnswered('refused', 'Non', 'normal')])
        .when({
          type: 'request-validation',
          validationId: 'validation-1',
          approver: supervisors,
          comment: 'Et vous ?',
          requesterId: 'tech',
        })
        .thenFails('conflict', /validation validation-1 already exists/);
    });

    it('the state holds the validation, waiting', () => {
      expect(fold([...assignedTicket, validationRequested(normal)]).validations).toEqual({
        'validation-1': { approver: normal, status: 'waiting' },
      });
    });
  });

  describe('answer-validation', () => {
    const askedNormal = [...assignedTicket, validationRequested(normal)];
    const askedSupervisors = [...assignedTicket, validationRequested(supervisors)];

    it('the user asked accepts', () => {
      spec
        .given(askedNormal)
        .when(answer())
        .then([validationAnswered('accepted', '', 'normal')]);
    });

    it('the user asked refuses, saying why', () => {
      spec
        .given(askedNormal)
        .when(answer({ decision: 'refused', comment: 'Pas de budget' }))
        .then([validationAnswered('refused', 'Pas de budget', 'normal')]);
    });

    it('a member of the group asked answers', () => {
      spec
        .given(askedSupervisors)
        .when(answer({ answeredBy: 'glpi', answererGroupIds: ['admins', 'supervisors'], comment: 'OK' }))
        .then([validationAnswered('accepted', 'OK', 'glpi')]);
    });

    it.each<[string, ActorRef, Partial<AnswerValidation>]>([
      ['another user, for a user', normal, { answeredBy: 'tech' }],
      ['a member of the user’s groups, for a user', normal, { answeredBy: 'tech', answererGroupIds: ['normal'] }],
      ['a user outside the group asked', supervisors, { answeredBy: 'tech', answererGroupIds: ['admins'] }],
      ['a user whose id is the group’s', supervisors, { answeredBy: 'supervisors' }],
    ])('refuses an answer from %s', (_label, approver, who) => {
      spec
        .given([...assignedTicket, validationRequested(approver)])
        .when(answer(who))
        .thenFails('forbidden', /only the user or group asked may answer/);
    });

    it.each(['', '   '])('refuses a refusal without a comment %p', (comment) => {
      spec
        .given(askedNormal)
        .when(answer({ decision: 'refused', comment }))
        .thenFails('invalid', /a refusal needs a comment/);
    });

    it.each(['accepted', 'refused'] as const)('refuses to answer a validation already %s', (decision) => {
      spec
        .given([...askedNormal, validationAnswered(decision, 'Déjà fait', 'normal')])
        .when(answer({ decision: 'accepted' }))
        .thenFails('conflict', new RegExp(`this validation was already ${decision}`));
    });

    it('refuses to answer a validation the ticket does not have', () => {
      spec
        .given(askedNormal)
        .when(answer({ validationId: 'validation-9' }))
        .thenFails('not_found', /no validation validation-9 on this ticket/);
    });

    it.each(['pending', 'solved'] as const)('a validation of a %s ticket may be answered', (status) => {
      spec
        .given([...ticketIn[status], validationRequested(normal)])
        .when(answer())
        .then([validationAnswered('accepted', '', 'normal')]);
    });

    it('the state records the answer', () => {
      expect(
        fold([...askedNormal, validationAnswered('refused', 'Non', 'normal')]).validations['validation-1'],
      ).toEqual({ approver: normal, status: 'refused' });
    });
  });

  describe('attach-document', () => {
    const attach = {
      type: 'attach-document',
      documentId: 'document-1',
      name: 'impression.jpg',
      mimeType: 'image/jpeg',
      sizeBytes: 123_456,
      authorId: 'S1',
    } as const;

    it.each(OPEN_OR_SOLVED)('attaches a document to a %s ticket', (status) => {
      spec
        .given(ticketIn[status])
        .when(attach)
        .then([
          {
            type: 'ticket.document-attached',
            data: {
              ticketId: TICKET,
              documentId: 'document-1',
              name: 'impression.jpg',
              mimeType: 'image/jpeg',
              sizeBytes: 123_456,
              authorId: 'S1',
            },
          },
        ]);
    });
  });

  describe('a closed ticket', () => {
    // the closed ticket keeps a waiting validation, a task and a second requester, so that only
    // its status can be why the commands below are refused
    const closed = [
      opened({ assignees: [tech], requesters: [blier, normal] }),
      statusChanged('new', 'assigned', 'assigned'),
      taskAdded(),
      validationRequested(normal),
      ...closedTicket.slice(2),
    ];

    it('is closed, with a waiting validation', () => {
      const state = fold(closed);
      expect(state.status).toBe('closed');
      expect(state.validations['validation-1'].status).toBe('waiting');
    });

    it.each<[string, TicketCommand]>([
      ['be edited', { type: 'change-ticket-details', changes: { title: 'Printer' } }],
      ['be reclassified', { type: 'reclassify-ticket', urgency: 5, matrix: DEFAULT_PRIORITY_MATRIX }],
      ['change actors', { type: 'add-actor', role: 'observer', actor: supervisors }],
      ['change actors', { type: 'remove-actor', role: 'requester', actor: normal }],
      [
        'take follow-ups',
        { type: 'add-followup', followupId: 'followup-1', content: 'Encore ?', private: false, authorId: 'S1' },
      ],
      ['take tasks', addTask({}, 'task-2')],
      ['change tasks', { type: 'update-task', taskId: 'task-1', changes: { state: 'done' } }],
      [
        'ask for an approval',
        {
          type: 'request-validation',
          validationId: 'validation-2',
          approver: supervisors,
          comment: 'OK ?',
          requesterId: 'tech',
        },
      ],
      ['answer an approval', answer()],
      [
        'take documents',
        {
          type: 'attach-document',
          documentId: 'document-1',
          name: 'a.png',
          mimeType: 'image/png',
          sizeBytes: 1,
          authorId: 'S1',
        },
      ],
    ])('cannot %s (%#)', (what, command) => {
      spec
        .given(closed)
        .when(command)
        .thenFails('illegal_transition', new RegExp(`a closed ticket cannot ${what}`));
    });
  });
});
