import type { ActorRef, EventEnvelope, TicketEvent, TicketStatus } from '@itsm/contracts';
import { ticketOpened } from '@itsm/fixtures';
import { partiesOf, ticketFactsProjection, type TicketFactsDoc } from './ticket-facts.projection';

const OPENED = '2026-11-30T09:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(OPENED) + minutes * 60_000).toISOString();
const REQUESTER: ActorRef = { kind: 'user', id: 'user-requester' };
const TECHNICIAN: ActorRef = { kind: 'user', id: 'user-technician' };
const SUPPORT: ActorRef = { kind: 'group', id: 'group-support' };

/** A ticket event at `minutes` after the opening. */
type Timed = [TicketEvent, number];

/** Opened at OPENED, recorded `recordedAfter` minutes later (a call typed in afterwards). */
const opened = (recordedAfter = 0): Timed => [
  ticketOpened('t1', {
    entityId: 'A',
    title: 'Poste lent',
    description: 'Le poste met dix minutes à démarrer.',
    categoryId: 'hardware',
    requesters: [REQUESTER, SUPPORT],
    recipientId: REQUESTER.id,
    openedAt: OPENED,
  }),
  recordedAfter,
];
const actor =
  (type: 'ticket.actor-added' | 'ticket.actor-removed', role: 'requester' | 'assignee' | 'observer') =>
  (who: ActorRef, minutes = 1): Timed => [{ type, data: { ticketId: 't1', role, actor: who } } as TicketEvent, minutes];
const assigneeAdded = actor('ticket.actor-added', 'assignee');
const assigneeRemoved = actor('ticket.actor-removed', 'assignee');
const requesterAdded = actor('ticket.actor-added', 'requester');
const requesterRemoved = actor('ticket.actor-removed', 'requester');
const observerAdded = actor('ticket.actor-added', 'observer');
const observerRemoved = actor('ticket.actor-removed', 'observer');
const status = (from: TicketStatus, to: TicketStatus, minutes: number): Timed => [
  { type: 'ticket.status-changed', data: { ticketId: 't1', from, to, reason: to } },
  minutes,
];
const followupBy = (who: ActorRef, minutes: number): Timed => [
  {
    type: 'ticket.followup-added',
    data: { ticketId: 't1', followupId: `f${minutes}`, content: 'Je regarde.', private: false, authorId: who.id },
  },
  minutes,
];
const taskBy = (who: ActorRef, minutes: number): Timed => [
  {
    type: 'ticket.task-added',
    data: {
      ticketId: 't1',
      taskId: `k${minutes}`,
      authorId: who.id,
      content: 'Redémarrer le poste',
      durationMinutes: 0,
      state: 'todo',
      plannedBegin: null,
      plannedEnd: null,
      technicianId: null,
      private: false,
    },
  },
  minutes,
];

/** The document as the projection store leaves it: events it does not handle never reach `apply`. */
const project = (...events: Timed[]): TicketFactsDoc | null => projectOnto(null, ...events);

function projectOnto(start: TicketFactsDoc | null, ...events: Timed[]): TicketFactsDoc | null {
  return events.reduce<TicketFactsDoc | null>((doc, [event, minutes], index) => {
    const envelope: EventEnvelope = {
      id: `e${index + 1}`,
      type: event.type,
      schemaVersion: 1,
      streamId: 'ticket-t1',
      sequence: index + 1,
      entityId: 'A',
      occurredAt: at(minutes),
      actor: { kind: 'system', id: 'tickets' },
      correlationId: 'c1',
      causationId: 'c1',
      data: event.data,
    };
    return ticketFactsProjection.handles.has(envelope.type) ? ticketFactsProjection.apply(doc, envelope) : doc;
  }, start);
}

describe('what sla keeps of a ticket', () => {
  describe('given a ticket opened', () => {
    it('then it keeps its entity, classification, opening instant and actors', () => {
      expect(project(opened())).toEqual({
        ticketId: 't1',
        entityId: 'A',
        title: 'Poste lent',
        openedAt: OPENED,
        status: 'new',
        type: 'incident',
        categoryId: 'hardware',
        priority: 3,
        requesterIds: [REQUESTER.id],
        assignees: [],
        requesters: [REQUESTER, SUPPORT],
        observers: [],
        takenIntoAccountAt: null,
      });
    });

    it('recorded after the call it notes, then it opened at the call: where its clocks start', () => {
      expect(project(opened(90))).toMatchObject({ openedAt: OPENED });
    });

    it('when reclassified, then type, category and priority follow', () => {
      const reclassified: Timed = [
        {
          type: 'ticket.reclassified',
          data: {
            ticketId: 't1',
            type: 'request',
            categoryId: null,
            urgency: 5,
            impact: 5,
            priority: 5,
            priorityOverridden: false,
          },
        },
        5,
      ];
      expect(project(opened(), reclassified)).toMatchObject({ type: 'request', categoryId: null, priority: 5 });
    });
  });

  describe('given events of a ticket it never saw opened', () => {
    it('then it keeps nothing', () => {
      expect(project(status('new', 'assigned', 1), assigneeAdded(TECHNICIAN))).toBeNull();
    });
  });

  describe('actors', () => {
    it('when assignees are added twice and one removed, then each is kept once and the removed one goes', () => {
      const doc = project(opened(), assigneeAdded(TECHNICIAN), assigneeAdded(SUPPORT), assigneeAdded(TECHNICIAN));
      expect(doc?.assignees).toEqual([TECHNICIAN, SUPPORT]);
      expect(
        project(opened(), assigneeAdded(TECHNICIAN), assigneeAdded(SUPPORT), assigneeRemoved(TECHNICIAN)),
      ).toMatchObject({ assignees: [SUPPORT] });
    });

    it('when a user requester is added, then their follow-ups will not count; a group’s or an observer’s still do', () => {
      const other: ActorRef = { kind: 'user', id: 'user-other' };
      const doc = project(
        opened(),
        requesterAdded(other),
        requesterAdded(other),
        requesterAdded({ kind: 'group', id: 'group-other' }),
        observerAdded(TECHNICIAN),
      );
      expect(doc?.requesterIds).toEqual([REQUESTER.id, other.id]);
    });

    it('when requesters and observers come and go, then the parties the visibility rule reads follow', () => {
      const other: ActorRef = { kind: 'user', id: 'user-other' };
      const doc = project(
        opened(),
        requesterAdded(other),
        observerAdded(TECHNICIAN),
        observerAdded(SUPPORT),
        observerAdded(TECHNICIAN),
        requesterRemoved(REQUESTER),
        observerRemoved(SUPPORT),
        assigneeAdded(SUPPORT),
      );
      expect(partiesOf(doc!)).toEqual({
        entityId: 'A',
        actors: { requester: [SUPPORT, other], observer: [TECHNICIAN], assignee: [SUPPORT] },
      });
      // who asked stays who asked: their follow-ups still do not take the ticket into account
      expect(doc?.requesterIds).toEqual([REQUESTER.id, other.id]);
    });

    it('given a document kept before requesters and observers were, then its user requesters are the parties', () => {
      const {
        requesters: _requesters,
        observers: _observers,
        ...older
      } = project(opened(), assigneeAdded(TECHNICIAN))!;
      expect(partiesOf(older)).toEqual({
        entityId: 'A',
        actors: { requester: [REQUESTER], observer: [], assignee: [TECHNICIAN] },
      });
      expect(partiesOf(projectOnto(older, observerAdded(SUPPORT, 9))!).actors.observer).toEqual([SUPPORT]);
    });
  });

  describe('taking into account', () => {
    it('when the ticket leaves "new", then it is taken into account at that instant, once', () => {
      const doc = project(
        opened(),
        status('new', 'assigned', 12),
        status('assigned', 'pending', 20),
        status('pending', 'assigned', 30),
      );
      expect(doc).toMatchObject({ status: 'assigned', takenIntoAccountAt: at(12) });
    });

    it('when a new ticket goes straight to pending, then it is taken into account', () => {
      expect(project(opened(), status('new', 'pending', 7))).toMatchObject({
        status: 'pending',
        takenIntoAccountAt: at(7),
      });
    });

    it('when the requester adds a follow-up, then it is still not taken into account', () => {
      expect(project(opened(), followupBy(REQUESTER, 3))?.takenIntoAccountAt).toBeNull();
    });

    it('when a technician adds a follow-up, then it is taken into account at that instant', () => {
      expect(project(opened(), followupBy(TECHNICIAN, 4))?.takenIntoAccountAt).toBe(at(4));
    });

    it('when a technician adds a task, then it is taken into account at that instant', () => {
      expect(project(opened(), taskBy(TECHNICIAN, 6))?.takenIntoAccountAt).toBe(at(6));
    });

    it('when a later follow-up or assignment comes, then the first instant stays', () => {
      const doc = project(
        opened(),
        followupBy(TECHNICIAN, 4),
        followupBy(TECHNICIAN, 9),
        status('new', 'assigned', 15),
      );
      expect(doc).toMatchObject({ status: 'assigned', takenIntoAccountAt: at(4) });
    });
  });
});
