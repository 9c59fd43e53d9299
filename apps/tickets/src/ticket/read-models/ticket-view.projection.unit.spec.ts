import type { ActorRef, TicketEvent } from '@itsm/contracts';
import { statusChangesOf, ticketOpened } from '@itsm/fixtures';
import { projectEvents, type GivenEvent } from '@itsm/testing';
import { ticketViewProjection } from './ticket-view.projection';

const S1: ActorRef = { kind: 'user', id: 'S1' };
const tech: ActorRef = { kind: 'user', id: 'tech' };
const support: ActorRef = { kind: 'group', id: 'support' };
const status = statusChangesOf('t1');

/** Events of ticket t1, the n-th one at 09:0n (Monday morning). */
const at = (minute: number) => `2026-11-30T09:${String(minute).padStart(2, '0')}:00.000Z`;
const timed = (events: TicketEvent[]): GivenEvent[] => events.map((event, i) => ({ ...event, occurredAt: at(i) }));

const openedData = {
  title: 'Problème d’impression',
  description: 'L’imprimante du 2e étage ne répond plus.',
  requesters: [S1],
  assignees: [support],
  openedAt: at(0),
};
const opened = ticketOpened('t1', openedData);
const view = (...events: TicketEvent[]) => projectEvents(ticketViewProjection, timed([opened, ...events]));

describe('the ticket view', () => {
  it('given a ticket opened, then it is new, with its fields, actors and empty figures', () => {
    expect(view()).toEqual({
      ticketId: 't1',
      entityId: 'root',
      title: 'Problème d’impression',
      description: 'L’imprimante du 2e étage ne répond plus.',
      type: 'incident',
      categoryId: null,
      urgency: 3,
      impact: 3,
      priority: 3,
      priorityOverridden: false,
      source: 'phone',
      location: null,
      items: [],
      recipientId: 'tech',
      status: 'new',
      actors: { requester: [S1], observer: [], assignee: [support] },
      actorIndex: ['requester:user:S1', 'assignee:group:support'],
      openedAt: at(0),
      updatedAt: at(0),
      takenIntoAccountAt: null,
      solvedAt: null,
      closedAt: null,
      pendingSince: null,
      waitingSeconds: 0,
      timeline: [],
      totalDurationMinutes: 0,
      tasksDonePercent: null,
      validationStatus: 'none',
      satisfaction: null,
    });
  });

  it('given a ticket dated earlier than it was recorded (a call), then it opened then and changed when recorded', () => {
    const call = '2026-11-30T08:15:00.000Z';
    const dated = ticketOpened('t1', { ...openedData, openedAt: call });
    expect(projectEvents(ticketViewProjection, timed([dated]))).toMatchObject({ openedAt: call, updatedAt: at(0) });
  });

  it('given events of a ticket never opened, then nothing is kept', () => {
    expect(projectEvents(ticketViewProjection, [status('new', 'assigned', 'assigned')])).toBeNull();
  });

  it('when details change or it is reclassified, then those fields follow and the change is dated', () => {
    expect(
      view(
        { type: 'ticket.details-changed', data: { ticketId: 't1', title: 'Imprimante HS', location: '2e étage' } },
        {
          type: 'ticket.reclassified',
          data: {
            ticketId: 't1',
            type: 'request',
            categoryId: 'printers',
            urgency: 4,
            impact: 4,
            priority: 5,
            priorityOverridden: true,
          },
        },
      ),
    ).toMatchObject({
      title: 'Imprimante HS',
      location: '2e étage',
      description: 'L’imprimante du 2e étage ne répond plus.',
      type: 'request',
      categoryId: 'printers',
      priority: 5,
      priorityOverridden: true,
      updatedAt: at(2),
    });
  });

  it('when actors are added and removed, then the actors and their index follow', () => {
    const changed = view(
      { type: 'ticket.actor-added', data: { ticketId: 't1', role: 'assignee', actor: tech } },
      { type: 'ticket.actor-added', data: { ticketId: 't1', role: 'observer', actor: tech } },
      { type: 'ticket.actor-removed', data: { ticketId: 't1', role: 'assignee', actor: support } },
    );
    expect(changed?.actors).toEqual({ requester: [S1], observer: [tech], assignee: [tech] });
    expect(changed?.actorIndex).toEqual(['requester:user:S1', 'observer:user:tech', 'assignee:user:tech']);
  });

  describe('status', () => {
    it('when assigned, then it is taken into account then; solved then closed are dated', () => {
      expect(
        view(
          status('new', 'assigned', 'assigned'),
          status('assigned', 'solved', 'solved'),
          status('solved', 'closed', 'approved'),
        ),
      ).toMatchObject({ status: 'closed', takenIntoAccountAt: at(1), solvedAt: at(2), closedAt: at(3) });
    });

    it('when closed without a solution, then it counts as solved when closed', () => {
      expect(view(status('new', 'closed', 'closed'))).toMatchObject({ solvedAt: at(1), closedAt: at(1) });
    });

    it('when reopened, then it is no longer solved nor closed', () => {
      expect(
        view(
          status('new', 'solved', 'solved'),
          status('solved', 'closed', 'closed'),
          status('closed', 'assigned', 'reopened'),
        ),
      ).toMatchObject({ status: 'assigned', solvedAt: null, closedAt: null });
    });

    it('while pending, then it says since when; when it resumes, the wait adds up', () => {
      const pending = view(status('new', 'assigned', 'assigned'), status('assigned', 'pending', 'pending'));
      expect(pending).toMatchObject({ status: 'pending', pendingSince: at(2), waitingSeconds: 0 });
      const twice = view(
        status('new', 'pending', 'pending'),
        status('pending', 'assigned', 'resumed'),
        status('assigned', 'pending', 'pending'),
        status('pending', 'solved', 'solved'),
      );
      expect(twice).toMatchObject({ status: 'solved', pendingSince: null, waitingSeconds: 120 });
    });
  });

  describe('timeline', () => {
    it('given a follow-up by the requester, then it is listed but does not take the ticket into account', () => {
      const answered = view({
        type: 'ticket.followup-added',
        data: { ticketId: 't1', followupId: 'f1', content: 'Toujours en panne.', private: false, authorId: 'S1' },
      });
      expect(answered?.timeline).toEqual([
        {
          kind: 'followup',
          itemId: 'f1',
          at: at(1),
          authorId: 'S1',
          private: false,
          content: 'Toujours en panne.',
          details: {},
        },
      ]);
      expect(answered?.takenIntoAccountAt).toBeNull();
    });

    it('given tasks added and one done, then the durations add up and the share done follows', () => {
      const task = (taskId: string, durationMinutes: number): TicketEvent => ({
        type: 'ticket.task-added',
        data: {
          ticketId: 't1',
          taskId,
          authorId: 'tech',
          content: `Tâche ${taskId}`,
          durationMinutes,
          state: 'todo',
          plannedBegin: null,
          plannedEnd: null,
          technicianId: 'tech',
          private: true,
        },
      });
      const worked = view(task('k1', 30), task('k2', 15), {
        type: 'ticket.task-updated',
        data: { ticketId: 't1', taskId: 'k1', state: 'done', durationMinutes: 45, content: 'Toner changé' },
      });
      expect(worked).toMatchObject({ totalDurationMinutes: 60, tasksDonePercent: 50, takenIntoAccountAt: at(1) });
      expect(worked?.timeline[0]).toEqual({
        kind: 'task',
        itemId: 'k1',
        at: at(1),
        authorId: 'tech',
        private: true,
        content: 'Toner changé',
        details: { durationMinutes: 45, state: 'done', plannedBegin: null, plannedEnd: null, technicianId: 'tech' },
      });
    });

    it('given validations requested and answered, then the global validation follows each answer', () => {
      const requested = (validationId: string): TicketEvent => ({
        type: 'ticket.validation-requested',
        data: { ticketId: 't1', validationId, approver: S1, comment: 'Achat d’une imprimante ?', requesterId: 'tech' },
      });
      const answered = (validationId: string, decision: 'accepted' | 'refused'): TicketEvent => ({
        type: 'ticket.validation-answered',
        data: { ticketId: 't1', validationId, decision, comment: 'Vu', answeredBy: 'S1' },
      });
      expect(view(requested('v1'))?.validationStatus).toBe('waiting');
      expect(view(requested('v1'), requested('v2'), answered('v1', 'accepted'))?.validationStatus).toBe('waiting');
      const refused = view(requested('v1'), answered('v1', 'refused'));
      expect(refused?.validationStatus).toBe('refused');
      expect(refused?.timeline[0].details).toEqual({
        approver: S1,
        status: 'refused',
        answer: 'Vu',
        answeredBy: 'S1',
        answeredAt: at(2),
      });
    });

    it('given a solution approved and another refused, then each keeps its answer', () => {
      const solution = (solutionId: string): TicketEvent => ({
        type: 'ticket.solution-added',
        data: { ticketId: 't1', solutionId, content: 'Pilote réinstallé', solutionType: null, authorId: 'tech' },
      });
      const solved = view(
        solution('s1'),
        { type: 'ticket.solution-refused', data: { ticketId: 't1', solutionId: 's1', refusedBy: 'S1', reason: 'non' } },
        solution('s2'),
        { type: 'ticket.solution-approved', data: { ticketId: 't1', solutionId: 's2', approvedBy: 'S1' } },
      );
      expect(solved?.takenIntoAccountAt).toBe(at(1));
      expect(solved?.timeline.map((item) => [item.itemId, item.details])).toEqual([
        ['s1', { solutionType: null, status: 'refused', answeredBy: 'S1', answeredAt: at(2) }],
        ['s2', { solutionType: null, status: 'accepted', answeredBy: 'S1', answeredAt: at(4) }],
      ]);
    });

    it('given a document attached, then it is listed with its metadata', () => {
      const attached = view({
        type: 'ticket.document-attached',
        data: {
          ticketId: 't1',
          documentId: 'd1',
          name: 'erreur.png',
          mimeType: 'image/png',
          sizeBytes: 2048,
          authorId: 'S1',
        },
      });
      expect(attached?.timeline).toEqual([
        {
          kind: 'document',
          itemId: 'd1',
          at: at(1),
          authorId: 'S1',
          private: false,
          content: 'erreur.png',
          details: { mimeType: 'image/png', sizeBytes: 2048 },
        },
      ]);
    });

    it('given an escalation, then it is a private entry by the system actor that caused it', () => {
      const escalated = projectEvents(ticketViewProjection, [
        { ...opened, occurredAt: at(0) },
        {
          type: 'ticket.escalated',
          occurredAt: at(5),
          actor: { kind: 'system', id: 'tickets.sla-escalation' },
          data: {
            ticketId: 't1',
            escalationId: 'e1',
            slaId: 'sla1',
            agreement: 'sla',
            kind: 'ttr',
            levelId: 'l1',
            levelName: 'Échéance dépassée',
            trigger: 'breached',
            priority: { from: 3, to: 5 },
            groupsAdded: [],
          },
        },
      ]);
      expect(escalated?.timeline).toEqual([
        {
          kind: 'escalation',
          itemId: 'e1',
          at: at(5),
          authorId: 'tickets.sla-escalation',
          private: true,
          content: 'Échéance dépassée',
          details: {
            slaId: 'sla1',
            agreement: 'sla',
            kind: 'ttr',
            levelId: 'l1',
            trigger: 'breached',
            priority: { from: 3, to: 5 },
            groupsAdded: [],
          },
        },
      ]);
    });
  });

  it('given the requester’s satisfaction, then its rating and comment are kept, dated', () => {
    const answered: TicketEvent = {
      type: 'ticket.satisfaction-recorded',
      data: { ticketId: 't1', rating: 5, comment: 'Merci !', answeredBy: 'S1', answeredAt: at(1) },
    };
    expect(view(answered)?.satisfaction).toEqual({ rating: 5, comment: 'Merci !', at: at(1), changedAt: null });
  });

  it('when the requester changes it, then the new answer shows, with the first one’s date and the change’s', () => {
    const answered: TicketEvent = {
      type: 'ticket.satisfaction-recorded',
      data: { ticketId: 't1', rating: 5, comment: 'Merci !', answeredBy: 'S1', answeredAt: at(1) },
    };
    const changed: TicketEvent = {
      type: 'ticket.satisfaction-changed',
      data: { ticketId: 't1', rating: 2, comment: 'Finalement, non.', answeredBy: 'S1' },
    };
    expect(view(answered, changed)).toMatchObject({
      satisfaction: { rating: 2, comment: 'Finalement, non.', at: at(1), changedAt: at(2) },
      updatedAt: at(2),
    });
  });
});
