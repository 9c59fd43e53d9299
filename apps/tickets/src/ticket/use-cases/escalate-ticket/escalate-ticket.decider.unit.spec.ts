import type { ActorRef, EventEnvelope, TicketEscalated, TicketEvent, TicketOpened } from '@itsm/contracts';
import { deciderSpecification } from '@itsm/testing';
import { statusChangesOf, ticketOpened } from '@itsm/fixtures';
import { ticketDecider } from '../../ticket.decider';
import { escalationOf, type EscalateTicket } from './escalation-of';

// SLA/OLA escalations on the ticket: a level's raise-priority and assign-group actions, decided
// once per sla event (Kafka may deliver it again), with the usual status rules for assignment.

const spec = deciderSpecification(ticketDecider);

const TICKET = 'ticket-7';
const requester: ActorRef = { kind: 'user', id: 'S1' };
const tech: ActorRef = { kind: 'user', id: 'tech' };
const n2: ActorRef = { kind: 'group', id: 'support-n2' };
const n3: ActorRef = { kind: 'group', id: 'support-n3' };

const opened = (overrides: Partial<TicketOpened['data']> = {}): TicketEvent =>
  ticketOpened(TICKET, {
    title: 'Serveur de fichiers inaccessible',
    description: 'Plus personne n’accède au partage.',
    requesters: [requester],
    ...overrides,
  });
const statusChanged = statusChangesOf(TICKET);
const assigneeAdded = (actor: ActorRef): TicketEvent => ({
  type: 'ticket.actor-added',
  data: { ticketId: TICKET, role: 'assignee', actor },
});
const reclassified = (priority: number, overrides: Record<string, unknown> = {}): TicketEvent =>
  ({
    type: 'ticket.reclassified',
    data: {
      ticketId: TICKET,
      type: 'incident',
      categoryId: null,
      urgency: 3,
      impact: 3,
      priority,
      priorityOverridden: true,
      ...overrides,
    },
  }) as TicketEvent;

const newTicket = [opened()];
const assignedTicket = [opened({ assignees: [tech] }), statusChanged('new', 'assigned', 'assigned')];

const escalate = (overrides: Partial<EscalateTicket> = {}): EscalateTicket => ({
  type: 'escalate-ticket',
  escalationId: 'sla-event-1',
  slaId: 'ttr-4h',
  agreement: 'sla',
  kind: 'ttr',
  levelId: 'level-1',
  levelName: 'Dépassement TTR',
  trigger: 'breached',
  raisePriority: false,
  assignGroupIds: [],
  ...overrides,
});
const escalated = (data: Partial<TicketEscalated['data']> = {}): TicketEvent => ({
  type: 'ticket.escalated',
  data: {
    ticketId: TICKET,
    escalationId: 'sla-event-1',
    slaId: 'ttr-4h',
    agreement: 'sla',
    kind: 'ttr',
    levelId: 'level-1',
    levelName: 'Dépassement TTR',
    trigger: 'breached',
    priority: null,
    groupsAdded: [],
    ...data,
  },
});

describe('the ticket decider: escalate-ticket', () => {
  describe('raise-priority', () => {
    it('raises the priority by one, as set by hand, after the escalation fact', () => {
      spec
        .given(assignedTicket)
        .when(escalate({ raisePriority: true }))
        .then([escalated({ priority: { from: 3, to: 4 } }), reclassified(4)]);
    });

    it('keeps the rest of the classification as it is', () => {
      spec
        .given([...assignedTicket, reclassified(5, { urgency: 5, impact: 4, categoryId: 'network' })])
        .when(escalate({ raisePriority: true }))
        .then([
          escalated({ priority: { from: 5, to: 6 } }),
          reclassified(6, { urgency: 5, impact: 4, categoryId: 'network' }),
        ]);
    });

    it('stops at 6 (major): the escalation is recorded, the priority left alone', () => {
      spec
        .given([opened({ priority: 6, priorityOverridden: false, assignees: [tech] })])
        .when(escalate({ raisePriority: true }))
        .then([escalated()]);
    });
  });

  describe('assign-group', () => {
    it('adds the group as assignee; a new ticket becomes assigned, as when a technician assigns it', () => {
      spec
        .given(newTicket)
        .when(escalate({ assignGroupIds: [n2.id] }))
        .then([escalated({ groupsAdded: [n2.id] }), assigneeAdded(n2), statusChanged('new', 'assigned', 'assigned')]);
    });

    it('adds it to an assigned ticket without a status change', () => {
      spec
        .given(assignedTicket)
        .when(escalate({ assignGroupIds: [n2.id] }))
        .then([escalated({ groupsAdded: [n2.id] }), assigneeAdded(n2)]);
    });

    it('does not add a group already assigned, nor one named twice', () => {
      spec
        .given([...assignedTicket, assigneeAdded(n2)])
        .when(escalate({ assignGroupIds: [n2.id, n3.id, n3.id] }))
        .then([escalated({ groupsAdded: [n3.id] }), assigneeAdded(n3)]);
    });

    it('with raise-priority too: one decision, the status rule applied once', () => {
      spec
        .given(newTicket)
        .when(escalate({ raisePriority: true, assignGroupIds: [n2.id, n3.id], trigger: 'escalated' }))
        .then([
          escalated({ trigger: 'escalated', priority: { from: 3, to: 4 }, groupsAdded: [n2.id, n3.id] }),
          reclassified(4),
          assigneeAdded(n2),
          statusChanged('new', 'assigned', 'assigned'),
          assigneeAdded(n3),
        ]);
    });
  });

  describe('applied once', () => {
    it('decides nothing for an sla event already applied (Kafka delivered it again)', () => {
      const first = [escalated({ priority: { from: 3, to: 4 }, groupsAdded: [n2.id] }), reclassified(4)];
      spec
        .given([...assignedTicket, ...first, assigneeAdded(n2)])
        .when(escalate({ raisePriority: true, assignGroupIds: [n2.id] }))
        .then([]);
    });

    it('applies another level of the same agreement again', () => {
      spec
        .given([...assignedTicket, escalated({ priority: { from: 3, to: 4 } }), reclassified(4)])
        .when(escalate({ escalationId: 'sla-event-2', levelId: 'level-2', raisePriority: true }))
        .then([
          escalated({ escalationId: 'sla-event-2', levelId: 'level-2', priority: { from: 4, to: 5 } }),
          reclassified(5),
        ]);
    });

    it('keeps the applied ids in the state', () => {
      const state = [...assignedTicket, escalated()].reduce(ticketDecider.evolve, ticketDecider.initialState());
      expect(state.escalations).toEqual(['sla-event-1']);
    });
  });

  describe('when the work is over or the ticket unknown', () => {
    it('decides nothing on a solved or closed ticket', () => {
      const solved = [
        ...assignedTicket,
        {
          type: 'ticket.solution-added',
          data: { ticketId: TICKET, solutionId: 's1', content: 'Redémarré.', solutionType: null, authorId: 'tech' },
        } as TicketEvent,
        statusChanged('assigned', 'solved', 'solved'),
      ];
      const command = escalate({ raisePriority: true, assignGroupIds: [n2.id] });
      spec.given(solved).when(command).then([]);
      spec
        .given([...solved, statusChanged('solved', 'closed', 'closed')])
        .when(command)
        .then([]);
    });

    it('refuses a ticket that does not exist', () => {
      spec
        .given([])
        .when(escalate({ raisePriority: true }))
        .thenFails('not_found');
    });
  });
});

describe('what an sla event asks of the ticket', () => {
  const envelope = (type: string, actions: unknown[]): EventEnvelope => ({
    id: 'sla-event-9',
    type,
    schemaVersion: 1,
    streamId: 'ticket-sla-t1',
    sequence: 4,
    entityId: 'E1',
    occurredAt: '2026-03-02T10:00:00.000Z',
    actor: { kind: 'system', id: 'sla' },
    correlationId: 'flow-1',
    causationId: 'timer-1',
    data: {
      ticketId: 't1',
      slaId: 'tto-1h',
      agreement: 'ola',
      kind: 'tto',
      entityId: 'E1',
      name: 'Prise en charge interne',
      deadline: '2026-03-02T10:00:00.000Z',
      levelId: 'level-0',
      levelName: 'Avant échéance',
      offsetMinutes: -15,
      dueAt: '2026-03-02T09:45:00.000Z',
      actions,
    },
  });

  it('turns raise-priority and assign-group into one command, caused by the sla event', () => {
    const actions = [{ type: 'notify-assignees' }, { type: 'raise-priority' }, { type: 'assign-group', groupId: 'g1' }];
    expect(escalationOf(envelope('sla.warning', actions))).toEqual({
      ticketId: 't1',
      entityId: 'E1',
      command: {
        type: 'escalate-ticket',
        escalationId: 'sla-event-9',
        slaId: 'tto-1h',
        agreement: 'ola',
        kind: 'tto',
        levelId: 'level-0',
        levelName: 'Avant échéance',
        trigger: 'warning',
        raisePriority: true,
        assignGroupIds: ['g1'],
      },
      correlationId: 'flow-1',
      causationId: 'sla-event-9',
    });
  });

  it('ignores levels that only notify, and every other sla event', () => {
    expect(escalationOf(envelope('sla.breached', [{ type: 'notify-group', groupId: 'g1' }]))).toBeNull();
    expect(escalationOf(envelope('sla.escalated', []))).toBeNull();
    expect(escalationOf(envelope('sla.met', [{ type: 'raise-priority' }]))).toBeNull();
    expect(escalationOf(envelope('sla.escalated', [{ type: 'raise-priority' }]))?.command.trigger).toBe('escalated');
  });
});
