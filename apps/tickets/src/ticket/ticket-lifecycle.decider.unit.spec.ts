import type { ActorRef, TaskFields, TicketEvent, TicketOpened, TicketStatus } from '@itsm/contracts';
import { deciderSpecification } from '@itsm/testing';
import { statusChangesOf, ticketOpened } from '@itsm/fixtures';
import { DEFAULT_PRIORITY_MATRIX, type PriorityMatrix } from '@itsm/domain';
import type { TicketCommand } from './ticket.commands';
import { ticketDecider } from './ticket.decider';
import type { TicketState } from './ticket.state';

// The ticket's lifecycle: opening, classification, actors, solution and its answer, pending,
// closing, reopening and the satisfaction survey (GLPI reference §1.1-1.8). Follow-ups, tasks,
// validations and documents are in ticket-timeline.decider.unit.spec.ts.

const spec = deciderSpecification(ticketDecider);

type OpenTicket = Extract<TicketCommand, { type: 'open-ticket' }>;

const TICKET = 'ticket-2';
const blier: ActorRef = { kind: 'user', id: 'S1' };
const tech: ActorRef = { kind: 'user', id: 'tech' };
const normal: ActorRef = { kind: 'user', id: 'normal' };
const support: ActorRef = { kind: 'group', id: 'support' };

const openTicket = (overrides: Partial<OpenTicket> = {}): OpenTicket => ({
  type: 'open-ticket',
  ticketId: TICKET,
  entityId: 'root',
  ticketType: 'incident',
  title: "Problème d'impression",
  description: 'Problème au moment de l’impression de documents, les lignes sont décalées.',
  categoryId: null,
  urgency: 3,
  impact: 3,
  matrix: DEFAULT_PRIORITY_MATRIX,
  source: 'phone',
  location: null,
  items: [],
  requesters: [blier],
  observers: [],
  assignees: [],
  recipientId: 'tech',
  // now is the fixture's opening date; the root entity exists since 2020
  opening: { asked: null, now: '2022-01-25T09:00:00.000Z', entityCreatedAt: '2020-01-06T08:00:00.000Z' },
  ...overrides,
});
const NOW = Date.parse('2022-01-25T09:00:00.000Z');
/** A technician gives the opening date, minutes from now (negative: earlier). */
const datedCall = (minutes: number, asked = new Date(NOW + minutes * 60_000).toISOString()) =>
  openTicket({ opening: { ...openTicket().opening, asked } });

const opened = (overrides: Partial<TicketOpened['data']> = {}): TicketEvent =>
  ticketOpened(TICKET, {
    title: "Problème d'impression",
    description: 'Problème au moment de l’impression de documents, les lignes sont décalées.',
    requesters: [blier],
    ...overrides,
  });

const statusChanged = statusChangesOf(TICKET);
const actorAdded = (role: 'requester' | 'observer' | 'assignee', actor: ActorRef): TicketEvent => ({
  type: 'ticket.actor-added',
  data: { ticketId: TICKET, role, actor },
});
const actorRemoved = (role: 'requester' | 'observer' | 'assignee', actor: ActorRef): TicketEvent => ({
  type: 'ticket.actor-removed',
  data: { ticketId: TICKET, role, actor },
});
const plannedTask: TaskFields = {
  content: 'Réaligner les têtes',
  durationMinutes: 30,
  state: 'todo',
  plannedBegin: '2022-01-25T10:00:00.000Z',
  plannedEnd: '2022-01-25T10:30:00.000Z',
  technicianId: 'tech',
  private: false,
};
const plannedTaskAdded: TicketEvent = {
  type: 'ticket.task-added',
  data: { ticketId: TICKET, taskId: 'task-1', authorId: 'tech', ...plannedTask },
};
const solutionAdded = (solutionId = 'solution-1'): TicketEvent => ({
  type: 'ticket.solution-added',
  data: {
    ticketId: TICKET,
    solutionId,
    content: 'Réalignement des têtes',
    solutionType: null,
    authorId: 'tech',
  },
});
const followupAdded = (followupId: string, content: string, authorId: string): TicketEvent => ({
  type: 'ticket.followup-added',
  data: { ticketId: TICKET, followupId, content, private: false, authorId },
});

/** Nobody assigned yet. */
const newTicket: TicketEvent[] = [opened()];
/** tech assigned at opening. */
const assignedTicket: TicketEvent[] = [opened({ assignees: [tech] }), statusChanged('new', 'assigned', 'assigned')];
const plannedTicket: TicketEvent[] = [
  ...assignedTicket,
  plannedTaskAdded,
  statusChanged('assigned', 'planned', 'planned'),
];
const pendingTicket: TicketEvent[] = [...assignedTicket, statusChanged('assigned', 'pending', 'pending')];
const solvedTicket: TicketEvent[] = [...assignedTicket, solutionAdded(), statusChanged('assigned', 'solved', 'solved')];
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
const ALL_STATUSES: TicketStatus[] = ['new', 'assigned', 'planned', 'pending', 'solved', 'closed'];
const statusesBut = (...excluded: TicketStatus[]) => ALL_STATUSES.filter((status) => !excluded.includes(status));

const fold = (events: TicketEvent[]): TicketState => events.reduce(ticketDecider.evolve, ticketDecider.initialState());

describe('the ticket decider: lifecycle', () => {
  it('each given history leaves the ticket in the status it is named after', () => {
    for (const status of ALL_STATUSES) expect(fold(ticketIn[status]).status).toBe(status);
  });

  describe('open-ticket', () => {
    it('opens a new ticket, its priority from the matrix', () => {
      spec.given([]).when(openTicket()).then([opened()]);
    });

    it('trims the title', () => {
      spec
        .given([])
        .when(openTicket({ title: "  Problème d'impression  " }))
        .then([opened()]);
    });

    it('keeps everything it is told: type, category, source, location, linked items, observers, who typed it', () => {
      const printer = { itemType: 'printer', itemId: 'printer-7' };
      spec
        .given([])
        .when(
          openTicket({
            ticketType: 'request',
            categoryId: 'hardware-failure',
            source: 'email',
            location: 'Sales, 2nd floor',
            items: [printer],
            observers: [tech, support],
            recipientId: 'S1',
          }),
        )
        .then([
          opened({
            type: 'request',
            categoryId: 'hardware-failure',
            source: 'email',
            location: 'Sales, 2nd floor',
            items: [printer],
            observers: [tech, support],
            recipientId: 'S1',
          }),
        ]);
    });

    it('opened with assignees, it goes at once from new to assigned', () => {
      spec
        .given([])
        .when(openTicket({ assignees: [tech, support] }))
        .then([opened({ assignees: [tech, support] }), statusChanged('new', 'assigned', 'assigned')]);
    });

    it('a requester group is enough of a requester', () => {
      spec
        .given([])
        .when(openTicket({ requesters: [support] }))
        .then([opened({ requesters: [support] })]);
    });

    it.each([
      [1, 1, 1],
      [1, 3, 2],
      [1, 5, 2],
      [2, 2, 2],
      [2, 4, 3],
      [3, 1, 2],
      [3, 3, 3],
      [3, 4, 4],
      [4, 2, 3],
      [4, 5, 5],
      [5, 1, 2],
      [5, 3, 4],
      [5, 5, 5],
    ])('urgency %d and impact %d give priority %d from GLPI default matrix', (urgency, impact, priority) => {
      spec
        .given([])
        .when(openTicket({ urgency, impact }))
        .then([opened({ urgency, impact, priority })]);
    });

    it('reads the priority from the configured matrix it is given', () => {
      const everythingVeryHigh: PriorityMatrix = Array.from({ length: 5 }, () => [5, 5, 5, 5, 5]);
      spec
        .given([])
        .when(openTicket({ urgency: 1, impact: 1, matrix: everythingVeryHigh }))
        .then([opened({ urgency: 1, impact: 1, priority: 5 })]);
    });

    it.each([1, 4, 5])('a priority %d set by hand overrides the matrix', (priority) => {
      spec
        .given([])
        .when(openTicket({ urgency: 1, impact: 1, priority }))
        .then([opened({ urgency: 1, impact: 1, priority, priorityOverridden: true })]);
    });

    it('priority 6, major, can only be set by hand', () => {
      spec
        .given([])
        .when(openTicket({ urgency: 5, impact: 5, priority: 6 }))
        .then([opened({ urgency: 5, impact: 5, priority: 6, priorityOverridden: true })]);
    });

    it.each([0, 6, -1, 2.5, Number.NaN])('refuses urgency %p', (urgency) => {
      spec
        .given([])
        .when(openTicket({ urgency }))
        .thenFails('invalid', /urgency and impact go from 1 to 5/);
    });

    it.each([0, 6, 3.5])('refuses impact %p', (impact) => {
      spec
        .given([])
        .when(openTicket({ impact }))
        .thenFails('invalid', /urgency and impact go from 1 to 5/);
    });

    it.each([0, 7, 4.5])('refuses priority %p', (priority) => {
      spec
        .given([])
        .when(openTicket({ priority }))
        .thenFails('invalid', /priority goes from 1 to 6/);
    });

    it('refuses a ticket without a requester', () => {
      spec
        .given([])
        .when(openTicket({ requesters: [], observers: [blier], assignees: [tech] }))
        .thenFails('invalid', /at least one requester/);
    });

    it.each(['', '   '])('refuses an empty title %p', (title) => {
      spec
        .given([])
        .when(openTicket({ title }))
        .thenFails('invalid', /title must not be empty/);
    });

    describe('the opening date a technician gives (a call recorded afterwards)', () => {
      it('opens the ticket at that date', () => {
        spec
          .given([])
          .when(datedCall(-90))
          .then([opened({ openedAt: '2022-01-25T07:30:00.000Z' })]);
      });

      it('takes any offset and stores the instant in UTC', () => {
        spec
          .given([])
          .when(datedCall(0, '2022-01-25T08:15:00.000+01:00'))
          .then([opened({ openedAt: '2022-01-25T07:15:00.000Z' })]);
      });

      it('takes a date just ahead of the service’s clock (clock skew) as now', () => {
        spec.given([]).when(datedCall(4)).then([opened()]);
      });

      it('refuses a date in the future', () => {
        spec
          .given([])
          .when(datedCall(6))
          .thenFails('rule', /openedAt 2022-01-25T09:06:00.000Z is in the future/);
      });

      it('refuses a date before the entity existed; its creation instant itself is fine', () => {
        spec
          .given([])
          .when(datedCall(0, '2020-01-06T07:59:59.999Z'))
          .thenFails('rule', /openedAt .* comes before entity root existed \(created 2020-01-06T08:00:00.000Z\)/);
        spec
          .given([])
          .when(datedCall(0, '2020-01-06T08:00:00.000Z'))
          .then([opened({ openedAt: '2020-01-06T08:00:00.000Z' })]);
      });

      it('refuses a date it cannot check: the entity’s creation not known yet', () => {
        spec
          .given([])
          .when(
            openTicket({
              opening: { asked: '2022-01-25T08:00:00Z', now: '2022-01-25T09:00:00.000Z', entityCreatedAt: null },
            }),
          )
          .thenFails('rule', /openedAt cannot be checked yet: when entity root was created is not known here/);
      });

      it.each(['2022-W04', '20220125', '2022-01-25T08', '2022-02-30T08:00:00Z'])('refuses %p, no date', (asked) => {
        spec
          .given([])
          .when(datedCall(0, asked))
          .thenFails('invalid', /openedAt must be an RFC 3339 date-time/);
      });
    });

    it('refuses to open the same ticket twice', () => {
      spec
        .given(newTicket)
        .when(openTicket())
        .thenFails('conflict', /ticket ticket-2 already exists/);
    });
  });

  it.each<TicketCommand>([
    { type: 'change-ticket-details', changes: { title: 'Printer' } },
    { type: 'reclassify-ticket', urgency: 4, matrix: DEFAULT_PRIORITY_MATRIX },
    { type: 'add-actor', role: 'assignee', actor: tech },
    { type: 'remove-actor', role: 'requester', actor: blier },
    { type: 'add-followup', followupId: 'followup-1', content: 'Hello', private: false, authorId: 'tech' },
    { type: 'add-task', taskId: 'task-1', authorId: 'tech', ...plannedTask },
    { type: 'update-task', taskId: 'task-1', changes: { state: 'done' } },
    { type: 'request-validation', validationId: 'validation-1', approver: normal, comment: 'OK?', requesterId: 'tech' },
    {
      type: 'answer-validation',
      validationId: 'validation-1',
      decision: 'accepted',
      comment: '',
      answeredBy: 'normal',
      answererGroupIds: [],
    },
    {
      type: 'add-solution',
      solutionId: 'solution-1',
      content: 'Fixed',
      solutionType: null,
      authorId: 'tech',
      closeAtOnce: false,
    },
    { type: 'approve-solution', by: 'S1', isRequester: true },
    { type: 'refuse-solution', by: 'S1', isRequester: true, reason: 'Still broken', followupId: 'followup-1' },
    { type: 'set-pending' },
    { type: 'resume' },
    { type: 'close-ticket', by: 'technician' },
    { type: 'close-ticket', by: 'auto' },
    { type: 'reopen-ticket', reason: 'Again', by: 'S1', followupId: 'followup-1' },
    {
      type: 'attach-document',
      documentId: 'doc-1',
      name: 'a.png',
      mimeType: 'image/png',
      sizeBytes: 10,
      authorId: 'S1',
    },
    {
      type: 'record-satisfaction',
      rating: 5,
      comment: '',
      answeredBy: 'S1',
      isRequester: true,
      now: '2022-01-26T09:00:00Z',
    },
  ])('refuses $type on a ticket that does not exist', (command) => {
    spec
      .given([])
      .when(command)
      .thenFails('not_found', /no such ticket/);
  });

  describe('change-ticket-details', () => {
    it('records only the fields that are given', () => {
      spec
        .given(assignedTicket)
        .when({ type: 'change-ticket-details', changes: { title: 'Printer offset', location: 'Sales' } })
        .then([
          { type: 'ticket.details-changed', data: { ticketId: TICKET, title: 'Printer offset', location: 'Sales' } },
        ]);
    });

    it('changes the description, source and linked items', () => {
      const items = [{ itemType: 'printer', itemId: 'printer-7' }];
      spec
        .given(newTicket)
        .when({ type: 'change-ticket-details', changes: { description: 'Lines are shifted', source: 'direct', items } })
        .then([
          {
            type: 'ticket.details-changed',
            data: { ticketId: TICKET, description: 'Lines are shifted', source: 'direct', items },
          },
        ]);
    });

    it('trims the title, as at opening', () => {
      spec
        .given(newTicket)
        .when({ type: 'change-ticket-details', changes: { title: '  Printer offset ' } })
        .then([{ type: 'ticket.details-changed', data: { ticketId: TICKET, title: 'Printer offset' } }]);
    });

    it('does nothing when no field is given', () => {
      spec.given(newTicket).when({ type: 'change-ticket-details', changes: {} }).then([]);
    });

    it('a field present but undefined is not a change', () => {
      spec
        .given(newTicket)
        .when({ type: 'change-ticket-details', changes: { title: undefined, location: 'Sales', items: undefined } })
        .then([{ type: 'ticket.details-changed', data: { ticketId: TICKET, location: 'Sales' } }]);
      spec
        .given(newTicket)
        .when({ type: 'change-ticket-details', changes: { title: undefined, description: undefined } })
        .then([]);
    });

    it('the new title is the state’s', () => {
      const changed: TicketEvent = { type: 'ticket.details-changed', data: { ticketId: TICKET, title: 'Printer' } };
      expect(fold([...newTicket, changed]).title).toBe('Printer');
      const described: TicketEvent = { type: 'ticket.details-changed', data: { ticketId: TICKET, location: 'Sales' } };
      expect(fold([...newTicket, changed, described]).title).toBe('Printer');
    });

    it('refuses an empty title', () => {
      spec
        .given(newTicket)
        .when({ type: 'change-ticket-details', changes: { title: ' ' } })
        .thenFails('invalid', /title must not be empty/);
    });

    it.each(statusesBut('closed'))('a %s ticket may be edited', (status) => {
      spec
        .given(ticketIn[status])
        .when({ type: 'change-ticket-details', changes: { location: null } })
        .then([{ type: 'ticket.details-changed', data: { ticketId: TICKET, location: null } }]);
    });
  });

  describe('reclassify-ticket', () => {
    const reclassified = (overrides: Partial<Record<string, unknown>> = {}): TicketEvent =>
      ({
        type: 'ticket.reclassified',
        data: {
          ticketId: TICKET,
          type: 'incident',
          categoryId: null,
          urgency: 3,
          impact: 3,
          priority: 3,
          priorityOverridden: false,
          ...overrides,
        },
      }) as TicketEvent;
    const overriddenTicket = [opened({ priority: 6, priorityOverridden: true })];

    it('recomputes the priority from the matrix when urgency or impact change', () => {
      spec
        .given(assignedTicket)
        .when({ type: 'reclassify-ticket', urgency: 5, impact: 4, matrix: DEFAULT_PRIORITY_MATRIX })
        .then([reclassified({ urgency: 5, impact: 4, priority: 5 })]);
    });

    it('keeps the current urgency when only the impact changes', () => {
      spec
        .given(newTicket)
        .when({ type: 'reclassify-ticket', impact: 1, matrix: DEFAULT_PRIORITY_MATRIX })
        .then([reclassified({ impact: 1, priority: 2 })]);
    });

    it('recomputes with the matrix it is given, not the one at opening', () => {
      const flat: PriorityMatrix = Array.from({ length: 5 }, () => [1, 1, 1, 1, 1]);
      spec
        .given(newTicket)
        .when({ type: 'reclassify-ticket', urgency: 4, matrix: flat })
        .then([reclassified({ urgency: 4, priority: 1 })]);
    });

    it('changes the type and the category, giving the whole classification', () => {
      spec
        .given(newTicket)
        .when({
          type: 'reclassify-ticket',
          ticketType: 'request',
          categoryId: 'hardware-failure',
          matrix: DEFAULT_PRIORITY_MATRIX,
        })
        .then([reclassified({ type: 'request', categoryId: 'hardware-failure' })]);
    });

    it('a null category clears it', () => {
      spec
        .given([opened({ categoryId: 'hardware-failure' })])
        .when({ type: 'reclassify-ticket', categoryId: null, matrix: DEFAULT_PRIORITY_MATRIX })
        .then([reclassified({ categoryId: null })]);
    });

    it('sets the priority by hand, up to 6 (major)', () => {
      spec
        .given(newTicket)
        .when({ type: 'reclassify-ticket', priority: 6, matrix: DEFAULT_PRIORITY_MATRIX })
        .then([reclassified({ priority: 6, priorityOverridden: true })]);
    });

    it('a priority set by hand is kept when the command does not mention it', () => {
      spec
        .given(overriddenTicket)
        .when({ type: 'reclassify-ticket', urgency: 1, impact: 1, matrix: DEFAULT_PRIORITY_MATRIX })
        .then([reclassified({ urgency: 1, impact: 1, priority: 6, priorityOverridden: true })]);
    });

    it('a null priority returns to the matrix', () => {
      spec
        .given(overriddenTicket)
        .when({ type: 'reclassify-ticket', priority: null, matrix: DEFAULT_PRIORITY_MATRIX })
        .then([reclassified({ priority: 3, priorityOverridden: false })]);
    });

    it('setting by hand the priority the matrix gives still records that it is now set by hand', () => {
      spec
        .given(newTicket)
        .when({ type: 'reclassify-ticket', priority: 3, matrix: DEFAULT_PRIORITY_MATRIX })
        .then([reclassified({ priorityOverridden: true })]);
    });

    it.each<[string, Extract<TicketCommand, { type: 'reclassify-ticket' }>]>([
      ['nothing', { type: 'reclassify-ticket', matrix: DEFAULT_PRIORITY_MATRIX }],
      [
        'the same urgency, impact and category',
        { type: 'reclassify-ticket', urgency: 3, impact: 3, categoryId: null, matrix: DEFAULT_PRIORITY_MATRIX },
      ],
      [
        'the same type and the matrix priority',
        { type: 'reclassify-ticket', ticketType: 'incident', priority: null, matrix: DEFAULT_PRIORITY_MATRIX },
      ],
    ])('does nothing when given %s', (_label, command) => {
      spec.given(assignedTicket).when(command).then([]);
    });

    it('does nothing when a priority set by hand is set again', () => {
      spec
        .given(overriddenTicket)
        .when({ type: 'reclassify-ticket', priority: 6, urgency: 3, matrix: DEFAULT_PRIORITY_MATRIX })
        .then([]);
    });

    it('does nothing when unchanged, whatever the order of the fields of the stored event', () => {
      // a store, an upcaster or another writer may hand back the same data with its keys in another order
      const storedReclassified: TicketEvent = {
        type: 'ticket.reclassified',
        data: {
          ticketId: TICKET,
          priorityOverridden: false,
          priority: 5,
          impact: 4,
          urgency: 5,
          categoryId: 'hardware-failure',
          type: 'incident',
        },
      };
      spec
        .given([...newTicket, storedReclassified])
        .when({
          type: 'reclassify-ticket',
          urgency: 5,
          impact: 4,
          categoryId: 'hardware-failure',
          matrix: DEFAULT_PRIORITY_MATRIX,
        })
        .then([]);
    });

    it('the new classification is the state’s', () => {
      const event = reclassified({ urgency: 5, impact: 4, priority: 5 });
      expect(fold([...newTicket, event]).classification).toEqual({
        type: 'incident',
        categoryId: null,
        urgency: 5,
        impact: 4,
        priority: 5,
        priorityOverridden: false,
      });
    });

    it.each([
      [{ urgency: 0 }, /urgency and impact go from 1 to 5/],
      [{ impact: 6 }, /urgency and impact go from 1 to 5/],
      [{ urgency: 2.5 }, /urgency and impact go from 1 to 5/],
      [{ priority: 7 }, /priority goes from 1 to 6/],
      [{ priority: 0 }, /priority goes from 1 to 6/],
    ])('refuses %o', (change, message) => {
      spec
        .given(newTicket)
        .when({ type: 'reclassify-ticket', matrix: DEFAULT_PRIORITY_MATRIX, ...change })
        .thenFails('invalid', message);
    });

    it.each(statusesBut('closed'))('a %s ticket may be reclassified', (status) => {
      spec
        .given(ticketIn[status])
        .when({ type: 'reclassify-ticket', urgency: 1, impact: 1, matrix: DEFAULT_PRIORITY_MATRIX })
        .then([reclassified({ urgency: 1, impact: 1, priority: 1 })]);
    });
  });

  describe('add-actor', () => {
    it('the first assignee of a new ticket makes it assigned', () => {
      spec
        .given(newTicket)
        .when({ type: 'add-actor', role: 'assignee', actor: tech })
        .then([actorAdded('assignee', tech), statusChanged('new', 'assigned', 'assigned')]);
    });

    it('so does an assigned group', () => {
      spec
        .given(newTicket)
        .when({ type: 'add-actor', role: 'assignee', actor: support })
        .then([actorAdded('assignee', support), statusChanged('new', 'assigned', 'assigned')]);
    });

    it('a new ticket that already has a planned task becomes planned on its first assignee', () => {
      spec
        .given([...newTicket, plannedTaskAdded])
        .when({ type: 'add-actor', role: 'assignee', actor: tech })
        .then([actorAdded('assignee', tech), statusChanged('new', 'planned', 'assigned')]);
    });

    it('another assignee of an assigned ticket changes nothing else', () => {
      spec
        .given(assignedTicket)
        .when({ type: 'add-actor', role: 'assignee', actor: support })
        .then([actorAdded('assignee', support)]);
    });

    it.each(['pending', 'solved'] as const)('an assignee of a %s ticket leaves its status', (status) => {
      spec
        .given(ticketIn[status])
        .when({ type: 'add-actor', role: 'assignee', actor: support })
        .then([actorAdded('assignee', support)]);
    });

    it.each(['requester', 'observer'] as const)('a %s of a new ticket leaves it new', (role) => {
      spec
        .given(newTicket)
        .when({ type: 'add-actor', role, actor: normal })
        .then([actorAdded(role, normal)]);
    });

    it.each([
      ['requester', blier],
      ['assignee', tech],
    ] as const)('adding a %s twice does nothing', (role, actor) => {
      spec
        .given(assignedTicket)
        .when({ type: 'add-actor', role, actor: { ...actor } })
        .then([]);
    });

    it('a user and a group with the same id are different actors', () => {
      spec
        .given(assignedTicket)
        .when({ type: 'add-actor', role: 'assignee', actor: { kind: 'group', id: 'tech' } })
        .then([actorAdded('assignee', { kind: 'group', id: 'tech' })]);
    });

    it('the same actor may hold several roles', () => {
      spec
        .given(assignedTicket)
        .when({ type: 'add-actor', role: 'observer', actor: tech })
        .then([actorAdded('observer', tech)]);
    });
  });

  describe('remove-actor', () => {
    it.each(['assigned', 'planned'] as const)('removing the last assignee of a %s ticket makes it new', (status) => {
      spec
        .given(ticketIn[status])
        .when({ type: 'remove-actor', role: 'assignee', actor: tech })
        .then([actorRemoved('assignee', tech), statusChanged(status, 'new', 'unassigned')]);
    });

    it('removing one of two assignees leaves the status', () => {
      spec
        .given([...assignedTicket, actorAdded('assignee', support)])
        .when({ type: 'remove-actor', role: 'assignee', actor: tech })
        .then([actorRemoved('assignee', tech)]);
    });

    it.each(['pending', 'solved'] as const)('removing the last assignee of a %s ticket leaves its status', (status) => {
      spec
        .given(ticketIn[status])
        .when({ type: 'remove-actor', role: 'assignee', actor: tech })
        .then([actorRemoved('assignee', tech)]);
    });

    it('refuses to remove the last requester', () => {
      spec
        .given(assignedTicket)
        .when({ type: 'remove-actor', role: 'requester', actor: blier })
        .thenFails('rule', /keeps at least one requester/);
    });

    it('removes a requester when another remains, user or group', () => {
      spec
        .given([...assignedTicket, actorAdded('requester', support)])
        .when({ type: 'remove-actor', role: 'requester', actor: blier })
        .then([actorRemoved('requester', blier)]);
    });

    it('removes an observer', () => {
      spec
        .given([opened({ observers: [tech] })])
        .when({ type: 'remove-actor', role: 'observer', actor: tech })
        .then([actorRemoved('observer', tech)]);
    });

    it.each([
      ['assignee', normal],
      ['observer', tech],
      ['requester', { kind: 'group', id: 'S1' }],
    ] as const)('refuses to remove a %s the ticket does not have', (role, actor) => {
      spec
        .given(assignedTicket)
        .when({ type: 'remove-actor', role, actor })
        .thenFails('not_found', new RegExp(`no such ${role} on this ticket`));
    });

    it('folds actors in and out', () => {
      const state = fold([
        ...assignedTicket,
        actorAdded('assignee', support),
        actorAdded('observer', normal),
        actorRemoved('assignee', tech),
      ]);
      expect(state.actors).toEqual({ requester: [blier], observer: [normal], assignee: [support] });
    });
  });

  describe('add-solution', () => {
    const addSolution = {
      type: 'add-solution',
      solutionId: 'solution-1',
      content: 'Réalignement des têtes',
      solutionType: null,
      authorId: 'tech',
      closeAtOnce: false,
    } as const;

    it.each(['new', 'assigned', 'planned', 'pending'] as const)('solves a %s ticket', (status) => {
      spec
        .given(ticketIn[status])
        .when(addSolution)
        .then([solutionAdded(), statusChanged(status, 'solved', 'solved')]);
    });

    it('closes the ticket at once, the solution approved, when the entity closes without delay', () => {
      spec
        .given(assignedTicket)
        .when({ ...addSolution, closeAtOnce: true })
        .then([
          solutionAdded(),
          {
            type: 'ticket.solution-approved',
            data: { ticketId: TICKET, solutionId: 'solution-1', approvedBy: 'tech' },
          },
          statusChanged('assigned', 'closed', 'closed'),
        ]);
    });

    it('refuses a second solution on a solved ticket', () => {
      spec
        .given(solvedTicket)
        .when({ ...addSolution, solutionId: 'solution-2' })
        .thenFails('conflict', /already solved/);
    });

    it('refuses a solution on a closed ticket', () => {
      spec
        .given(closedTicket)
        .when({ ...addSolution, solutionId: 'solution-2' })
        .thenFails('illegal_transition', /a closed ticket cannot take a solution/);
    });

    it('refuses an empty solution', () => {
      spec
        .given(assignedTicket)
        .when({ ...addSolution, content: '  ' })
        .thenFails('invalid', /a solution needs content/);
    });

    it('the state holds the latest solution, waiting for approval', () => {
      expect(fold(solvedTicket).solution).toEqual({ solutionId: 'solution-1', status: 'waiting' });
    });
  });

  describe('approve-solution', () => {
    it('the requester approves the solution, which closes the ticket', () => {
      spec
        .given(solvedTicket)
        .when({ type: 'approve-solution', by: 'S1', isRequester: true })
        .then([
          { type: 'ticket.solution-approved', data: { ticketId: TICKET, solutionId: 'solution-1', approvedBy: 'S1' } },
          statusChanged('solved', 'closed', 'approved'),
        ]);
    });

    it('approves the latest solution', () => {
      spec
        .given([
          ...solvedTicket,
          {
            type: 'ticket.solution-refused',
            data: { ticketId: TICKET, solutionId: 'solution-1', refusedBy: 'S1', reason: 'Still shifted' },
          },
          statusChanged('solved', 'assigned', 'refused'),
          solutionAdded('solution-2'),
          statusChanged('assigned', 'solved', 'solved'),
        ])
        .when({ type: 'approve-solution', by: 'S1', isRequester: true })
        .then([
          { type: 'ticket.solution-approved', data: { ticketId: TICKET, solutionId: 'solution-2', approvedBy: 'S1' } },
          statusChanged('solved', 'closed', 'approved'),
        ]);
    });

    it('refuses an approval from someone who is not a requester', () => {
      spec
        .given(solvedTicket)
        .when({ type: 'approve-solution', by: 'tech', isRequester: false })
        .thenFails('forbidden', /only a requester approves/);
    });

    it.each(statusesBut('solved'))('a %s ticket has no solution to approve', (status) => {
      spec
        .given(ticketIn[status])
        .when({ type: 'approve-solution', by: 'S1', isRequester: true })
        .thenFails('illegal_transition', new RegExp(`a ${status} ticket cannot have its solution approved`));
    });

    it('the approved solution is accepted in the state', () => {
      expect(fold(closedTicket).solution).toEqual({ solutionId: 'solution-1', status: 'accepted' });
    });
  });

  describe('refuse-solution', () => {
    const refuse = {
      type: 'refuse-solution',
      by: 'S1',
      isRequester: true,
      reason: 'Les lignes sont encore décalées',
      followupId: 'followup-9',
    } as const;
    const refused: TicketEvent = {
      type: 'ticket.solution-refused',
      data: { ticketId: TICKET, solutionId: 'solution-1', refusedBy: 'S1', reason: 'Les lignes sont encore décalées' },
    };
    const reasonFollowup = followupAdded('followup-9', 'Les lignes sont encore décalées', 'S1');

    it('the requester refuses with a reason, which becomes a follow-up; back to assigned when assignees exist', () => {
      spec
        .given(solvedTicket)
        .when(refuse)
        .then([refused, reasonFollowup, statusChanged('solved', 'assigned', 'refused')]);
    });

    it('back to new when nobody is assigned', () => {
      spec
        .given([...newTicket, solutionAdded(), statusChanged('new', 'solved', 'solved')])
        .when(refuse)
        .then([refused, reasonFollowup, statusChanged('solved', 'new', 'refused')]);
    });

    it('back to planned when a planned task remains', () => {
      spec
        .given([...plannedTicket, solutionAdded(), statusChanged('planned', 'solved', 'solved')])
        .when(refuse)
        .then([refused, reasonFollowup, statusChanged('solved', 'planned', 'refused')]);
    });

    it.each(['', '  '])('refuses a refusal without a reason (%p)', (reason) => {
      spec
        .given(solvedTicket)
        .when({ ...refuse, reason })
        .thenFails('invalid', /a refusal needs a reason/);
    });

    it('refuses a refusal from someone who is not a requester', () => {
      spec
        .given(solvedTicket)
        .when({ ...refuse, by: 'tech', isRequester: false })
        .thenFails('forbidden', /only a requester refuses/);
    });

    it.each(statusesBut('solved'))('a %s ticket has no solution to refuse', (status) => {
      spec
        .given(ticketIn[status])
        .when(refuse)
        .thenFails('illegal_transition', new RegExp(`a ${status} ticket cannot have its solution refused`));
    });

    it('the refused solution is marked so in the state', () => {
      const state = fold([...solvedTicket, refused, reasonFollowup, statusChanged('solved', 'assigned', 'refused')]);
      expect(state.solution).toEqual({ solutionId: 'solution-1', status: 'refused' });
      expect(state.status).toBe('assigned');
    });
  });

  describe('set-pending and resume', () => {
    it.each(['new', 'assigned', 'planned'] as const)('a %s ticket can be put pending', (status) => {
      spec
        .given(ticketIn[status])
        .when({ type: 'set-pending' })
        .then([statusChanged(status, 'pending', 'pending')]);
    });

    it.each(['pending', 'solved', 'closed'] as const)('a %s ticket cannot be put pending', (status) => {
      spec
        .given(ticketIn[status])
        .when({ type: 'set-pending' })
        .thenFails('illegal_transition', new RegExp(`a ${status} ticket cannot be put pending`));
    });

    it('resumes to assigned when assignees exist', () => {
      spec
        .given(pendingTicket)
        .when({ type: 'resume' })
        .then([statusChanged('pending', 'assigned', 'resumed')]);
    });

    it('resumes to new when nobody is assigned', () => {
      spec
        .given([...newTicket, statusChanged('new', 'pending', 'pending')])
        .when({ type: 'resume' })
        .then([statusChanged('pending', 'new', 'resumed')]);
    });

    it('resumes to new when the last assignee left while pending', () => {
      spec
        .given([...pendingTicket, actorRemoved('assignee', tech)])
        .when({ type: 'resume' })
        .then([statusChanged('pending', 'new', 'resumed')]);
    });

    it('resumes to planned when a planned task is still to do', () => {
      spec
        .given([...plannedTicket, statusChanged('planned', 'pending', 'pending')])
        .when({ type: 'resume' })
        .then([statusChanged('pending', 'planned', 'resumed')]);
    });

    it.each(statusesBut('pending'))('a %s ticket cannot resume', (status) => {
      spec
        .given(ticketIn[status])
        .when({ type: 'resume' })
        .thenFails('illegal_transition', new RegExp(`a ${status} ticket cannot resume: it is not pending`));
    });
  });

  describe('close-ticket', () => {
    it.each(statusesBut('closed'))('a technician closes a %s ticket', (status) => {
      spec
        .given(ticketIn[status])
        .when({ type: 'close-ticket', by: 'technician' })
        .then([statusChanged(status, 'closed', 'closed')]);
    });

    it('a closed ticket cannot be closed again', () => {
      spec
        .given(closedTicket)
        .when({ type: 'close-ticket', by: 'technician' })
        .thenFails('illegal_transition', /cannot be closed again/);
    });

    it('auto-closes a solved ticket', () => {
      spec
        .given(solvedTicket)
        .when({ type: 'close-ticket', by: 'auto' })
        .then([statusChanged('solved', 'closed', 'auto-closed')]);
    });

    it.each(statusesBut('solved'))('a %s ticket is never closed automatically', (status) => {
      spec
        .given(ticketIn[status])
        .when({ type: 'close-ticket', by: 'auto' })
        .thenFails('illegal_transition', new RegExp(`a ${status} ticket cannot be closed automatically`));
    });
  });

  describe('reopen-ticket', () => {
    const reopen = { type: 'reopen-ticket', reason: 'Ça recommence', by: 'S1', followupId: 'followup-5' } as const;
    const reasonFollowup = followupAdded('followup-5', 'Ça recommence', 'S1');

    it('reopens a closed ticket with a reason, back to assigned when assignees exist; its solution is refused', () => {
      spec
        .given(closedTicket)
        .when(reopen)
        .then([
          // GLPI marks the solution that did not hold refused
          {
            type: 'ticket.solution-refused',
            data: { ticketId: TICKET, solutionId: 'solution-1', refusedBy: 'S1', reason: 'Ça recommence' },
          },
          reasonFollowup,
          statusChanged('closed', 'assigned', 'reopened'),
        ]);
    });

    it('back to new when nobody is assigned', () => {
      spec
        .given([...newTicket, statusChanged('new', 'closed', 'closed')])
        .when(reopen)
        .then([reasonFollowup, statusChanged('closed', 'new', 'reopened')]);
    });

    it('back to planned when a planned task is still to do', () => {
      spec
        .given([...plannedTicket, statusChanged('planned', 'closed', 'closed')])
        .when(reopen)
        .then([reasonFollowup, statusChanged('closed', 'planned', 'reopened')]);
    });

    it('refuses to reopen without a reason', () => {
      spec
        .given(closedTicket)
        .when({ ...reopen, reason: ' ' })
        .thenFails('invalid', /reopening needs a reason/);
    });

    it.each(statusesBut('closed'))('a %s ticket cannot be reopened', (status) => {
      spec
        .given(ticketIn[status])
        .when(reopen)
        .thenFails('illegal_transition', /only closed tickets are/);
    });

    it('a reopened ticket can be solved again', () => {
      spec
        .given([...closedTicket, reasonFollowup, statusChanged('closed', 'assigned', 'reopened')])
        .when({
          type: 'add-solution',
          solutionId: 'solution-2',
          content: 'Cartouche remplacée',
          solutionType: null,
          authorId: 'tech',
          closeAtOnce: false,
        })
        .then([
          {
            type: 'ticket.solution-added',
            data: {
              ticketId: TICKET,
              solutionId: 'solution-2',
              content: 'Cartouche remplacée',
              solutionType: null,
              authorId: 'tech',
            },
          },
          statusChanged('assigned', 'solved', 'solved'),
        ]);
    });
  });

  describe('record-satisfaction', () => {
    const ANSWERED_AT = '2022-01-26T09:00:00.000Z';
    const hoursAfter = (hours: number) => new Date(Date.parse(ANSWERED_AT) + hours * 3_600_000).toISOString();
    const answer = {
      type: 'record-satisfaction',
      rating: 4,
      comment: 'Rapide',
      answeredBy: 'S1',
      isRequester: true,
      now: ANSWERED_AT,
    } as const;
    const recorded = (rating: number): TicketEvent => ({
      type: 'ticket.satisfaction-recorded',
      data: { ticketId: TICKET, rating, comment: 'Rapide', answeredBy: 'S1', answeredAt: ANSWERED_AT },
    });
    const changed = (rating: number, comment: string): TicketEvent => ({
      type: 'ticket.satisfaction-changed',
      data: { ticketId: TICKET, rating, comment, answeredBy: 'S1' },
    });

    it.each([1, 4, 5])('the requester rates a closed ticket %d', (rating) => {
      spec
        .given(closedTicket)
        .when({ ...answer, rating })
        .then([recorded(rating)]);
    });

    it.each([0, 6, 3.5, -1])('refuses rating %p', (rating) => {
      spec
        .given(closedTicket)
        .when({ ...answer, rating })
        .thenFails('invalid', /rating must be an integer from 1 to 5/);
    });

    it.each(statusesBut('closed'))('a %s ticket cannot be rated yet', (status) => {
      spec
        .given(ticketIn[status])
        .when(answer)
        .thenFails('illegal_transition', /cannot be rated before it is closed/);
    });

    it('only a requester answers the survey', () => {
      spec
        .given(closedTicket)
        .when({ ...answer, answeredBy: 'tech', isRequester: false })
        .thenFails('forbidden', /only a requester/);
    });

    it('the requester changes the answer within 12 hours of the first one, as often as they like', () => {
      spec
        .given([...closedTicket, recorded(4)])
        .when({ ...answer, rating: 2, comment: 'Finalement, non.', now: hoursAfter(3) })
        .then([changed(2, 'Finalement, non.')]);
      spec
        .given([...closedTicket, recorded(4), changed(2, 'Finalement, non.')])
        .when({ ...answer, rating: 3, now: hoursAfter(12) })
        .then([changed(3, 'Rapide')]);
    });

    it('an answer given again unchanged changes nothing', () => {
      spec
        .given([...closedTicket, recorded(4), changed(2, 'Finalement, non.')])
        .when({ ...answer, rating: 2, comment: 'Finalement, non.', now: hoursAfter(1) })
        .then([]);
    });

    it('the 12 hours count from the first answer, not from the last change', () => {
      spec
        .given([...closedTicket, recorded(4), changed(2, 'Finalement, non.')])
        .when({ ...answer, rating: 5, now: new Date(Date.parse(hoursAfter(12)) + 1).toISOString() })
        .thenFails(
          'rule',
          /can no longer be changed: it could be for 12 hours after the first answer \(2022-01-26T09:00:00.000Z\), until 2022-01-26T21:00:00.000Z/,
        );
    });

    it('only a requester changes it', () => {
      spec
        .given([...closedTicket, recorded(4)])
        .when({ ...answer, answeredBy: 'tech', isRequester: false, now: hoursAfter(1) })
        .thenFails('forbidden', /only a requester/);
    });

    it('the state keeps the answer and when it was first given', () => {
      const state = fold([...closedTicket, recorded(4), changed(2, 'Finalement, non.')]);
      expect(state.satisfaction).toEqual({ rating: 2, comment: 'Finalement, non.', answeredAt: ANSWERED_AT });
    });
  });

  it('the printer story of the seed, from the call to the approval', () => {
    // M. Blier (S1) calls: after a cartridge change his printer shifts its lines. tech records the
    // ticket (GLPI "Par: tech") with low urgency and impact, assigns himself, works 30 minutes,
    // asks normal to approve, solves; M. Blier approves and the ticket closes.
    const story: TicketCommand[] = [
      openTicket({
        urgency: 2,
        impact: 2,
        categoryId: 'hardware-failure',
        observers: [tech],
        items: [{ itemType: 'printer', itemId: 'printer-blier' }],
      }),
      { type: 'add-actor', role: 'assignee', actor: tech },
      {
        type: 'add-task',
        taskId: 'task-1',
        authorId: 'tech',
        content:
          "Prise en main à distance afin d'accéder à la configuration de l'imprimante sur le poste. " +
          'Déclenchement d’une opération de réalignement des têtes puis test d’impression.',
        durationMinutes: 30,
        state: 'done',
        plannedBegin: null,
        plannedEnd: null,
        technicianId: 'tech',
        private: false,
      },
      {
        type: 'request-validation',
        validationId: 'validation-1',
        approver: normal,
        comment: 'Le problème a été résolu grâce à un réalignement des têtes.',
        requesterId: 'tech',
      },
      {
        type: 'answer-validation',
        validationId: 'validation-1',
        decision: 'accepted',
        comment: '',
        answeredBy: 'normal',
        answererGroupIds: [],
      },
      {
        type: 'add-solution',
        solutionId: 'solution-1',
        content: 'Réalignement des têtes d’impression et nettoyage ; test d’impression concluant.',
        solutionType: null,
        authorId: 'tech',
        closeAtOnce: false,
      },
      { type: 'approve-solution', by: 'S1', isRequester: true },
    ];

    const events: TicketEvent[] = [];
    for (const command of story) {
      const decision = ticketDecider.decide(command, fold(events));
      if (!Array.isArray(decision)) throw new Error(`${command.type}: ${decision.code} ${decision.message}`);
      events.push(...decision);
    }

    expect(events.map((event) => event.type)).toEqual([
      'ticket.opened',
      'ticket.actor-added',
      'ticket.status-changed',
      'ticket.task-added',
      'ticket.validation-requested',
      'ticket.validation-answered',
      'ticket.solution-added',
      'ticket.status-changed',
      'ticket.solution-approved',
      'ticket.status-changed',
    ]);
    expect(events.flatMap((event) => (event.type === 'ticket.status-changed' ? [event.data] : []))).toEqual([
      { ticketId: TICKET, from: 'new', to: 'assigned', reason: 'assigned' },
      { ticketId: TICKET, from: 'assigned', to: 'solved', reason: 'solved' },
      { ticketId: TICKET, from: 'solved', to: 'closed', reason: 'approved' },
    ]);
    expect(events.reduce(ticketDecider.evolve, ticketDecider.initialState())).toEqual<TicketState>({
      ticketId: TICKET,
      entityId: 'root',
      status: 'closed',
      // "Urgence: Basse, Impact: Bas, Priorité: Basse": low x low is 2 in GLPI's matrix
      classification: {
        type: 'incident',
        categoryId: 'hardware-failure',
        urgency: 2,
        impact: 2,
        priority: 2,
        priorityOverridden: false,
      },
      title: "Problème d'impression",
      actors: { requester: [blier], observer: [tech], assignee: [tech] },
      tasks: {
        'task-1': {
          content:
            "Prise en main à distance afin d'accéder à la configuration de l'imprimante sur le poste. " +
            'Déclenchement d’une opération de réalignement des têtes puis test d’impression.',
          durationMinutes: 30,
          state: 'done',
          plannedBegin: null,
          plannedEnd: null,
          technicianId: 'tech',
          private: false,
        },
      },
      validations: { 'validation-1': { approver: normal, status: 'accepted' } },
      solution: { solutionId: 'solution-1', status: 'accepted' },
      satisfaction: null,
      escalations: [],
    });
  });
});
