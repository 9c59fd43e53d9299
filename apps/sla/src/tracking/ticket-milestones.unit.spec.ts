import type { EventEnvelope, TicketEvent, TicketStatus } from '@itsm/contracts';
import { ticketOpened } from '@itsm/fixtures';
import type { TicketMilestone } from './ticket-sla.commands';
import { milestonesOf } from './ticket-milestones';

const REQUESTER = 'user-requester';
const TECHNICIAN = 'user-technician';

const envelope = (event: TicketEvent): EventEnvelope => ({
  id: 'event-1',
  type: event.type,
  schemaVersion: 1,
  streamId: 't1',
  sequence: 2,
  entityId: 'root',
  occurredAt: '2026-11-30T09:00:00.000Z',
  actor: { kind: 'user', id: TECHNICIAN },
  correlationId: 'c1',
  causationId: 'c1',
  data: event.data,
});

const statusChange = (from: TicketStatus, to: TicketStatus) =>
  milestonesOf(envelope({ type: 'ticket.status-changed', data: { ticketId: 't1', from, to, reason: to } }), [
    REQUESTER,
  ]);

const followupBy = (authorId: string) =>
  envelope({
    type: 'ticket.followup-added',
    data: { ticketId: 't1', followupId: 'f1', content: 'Je regarde.', private: false, authorId },
  });

const taskBy = (authorId: string) =>
  envelope({
    type: 'ticket.task-added',
    data: {
      ticketId: 't1',
      taskId: 'k1',
      authorId,
      content: 'Redémarrer le poste',
      durationMinutes: 0,
      state: 'todo',
      plannedBegin: null,
      plannedEnd: null,
      technicianId: null,
      private: false,
    },
  });

describe('what a ticket event means for its deadlines', () => {
  describe('given the ticket opens or is reclassified', () => {
    it('when it is opened, then its agreements are chosen', () => {
      const opened = envelope(
        ticketOpened('t1', {
          title: 'Poste lent',
          description: 'Le poste met dix minutes à démarrer.',
          requesters: [{ kind: 'user', id: REQUESTER }],
          recipientId: REQUESTER,
        }),
      );
      expect(milestonesOf(opened, [REQUESTER])).toEqual(['opened']);
    });

    it('when it is reclassified, then the rules are tried again', () => {
      const reclassified = envelope({
        type: 'ticket.reclassified',
        data: {
          ticketId: 't1',
          type: 'incident',
          categoryId: 'hardware',
          urgency: 4,
          impact: 4,
          priority: 4,
          priorityOverridden: false,
        },
      });
      expect(milestonesOf(reclassified, [REQUESTER])).toEqual(['reclassified']);
    });
  });

  describe('given the status changes', () => {
    it.each<[TicketStatus, TicketStatus, TicketMilestone[]]>([
      ['new', 'assigned', ['taken-into-account']],
      ['new', 'planned', ['taken-into-account']],
      ['new', 'pending', ['taken-into-account', 'paused']],
      ['assigned', 'pending', ['paused']],
      ['planned', 'pending', ['paused']],
      ['pending', 'assigned', ['resumed']],
      ['pending', 'planned', ['resumed']],
      ['pending', 'new', ['resumed']],
      ['new', 'solved', ['taken-into-account', 'solved']],
      ['assigned', 'solved', ['taken-into-account', 'solved']],
      ['pending', 'solved', ['taken-into-account', 'solved']],
      ['solved', 'assigned', ['solution-refused']],
      ['solved', 'new', ['solution-refused']],
      ['solved', 'closed', ['closed']],
      ['assigned', 'closed', ['closed']],
      ['pending', 'closed', ['closed']],
      ['closed', 'assigned', ['reopened']],
      ['closed', 'new', ['reopened']],
    ])('when it goes from %s to %s, then it means %j', (from, to, expected) => {
      expect(statusChange(from, to)).toEqual(expected);
    });

    it.each<[TicketStatus, TicketStatus]>([
      ['assigned', 'planned'],
      ['planned', 'assigned'],
      ['assigned', 'new'],
    ])('when it goes from %s to %s, then the clocks keep running as they were', (from, to) => {
      expect(statusChange(from, to)).toEqual([]);
    });
  });

  describe('given someone writes on the ticket', () => {
    it('when the requester adds a follow-up, then the ticket is not taken into account', () => {
      expect(milestonesOf(followupBy(REQUESTER), [REQUESTER])).toEqual([]);
    });

    it('when one of several requesters adds a follow-up, then the ticket is not taken into account', () => {
      expect(milestonesOf(followupBy('user-co-requester'), [REQUESTER, 'user-co-requester'])).toEqual([]);
    });

    it('when someone else adds a follow-up, then the ticket is taken into account', () => {
      expect(milestonesOf(followupBy(TECHNICIAN), [REQUESTER])).toEqual(['taken-into-account']);
    });

    it('when a technician adds a task, then the ticket is taken into account', () => {
      expect(milestonesOf(taskBy(TECHNICIAN), [REQUESTER])).toEqual(['taken-into-account']);
    });

    it('when the requester adds a task, then the ticket is not taken into account', () => {
      expect(milestonesOf(taskBy(REQUESTER), [REQUESTER])).toEqual([]);
    });
  });

  describe('given other ticket events', () => {
    it('when an assignee is added without a status change, then nothing changes (the status change says it)', () => {
      const added = envelope({
        type: 'ticket.actor-added',
        data: { ticketId: 't1', role: 'assignee', actor: { kind: 'user', id: TECHNICIAN } },
      });
      expect(milestonesOf(added, [REQUESTER])).toEqual([]);
    });

    it('when the title changes, then nothing changes', () => {
      const changed = envelope({ type: 'ticket.details-changed', data: { ticketId: 't1', title: 'Écran noir' } });
      expect(milestonesOf(changed, [REQUESTER])).toEqual([]);
    });
  });
});
