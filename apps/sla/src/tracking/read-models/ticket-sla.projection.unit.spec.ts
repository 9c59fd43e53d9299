import type { EventEnvelope, TicketSlaEvent } from '@itsm/contracts';
import { evolveTicketSla, initialTicketSlaState } from '../ticket-sla.state';
import { ticketSlaProjection, type TicketSlaDoc } from './ticket-sla.projection';

const OPENED = '2026-11-30T09:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(OPENED) + minutes * 60_000).toISOString();
const ref = (slaId: string, kind: 'tto' | 'ttr') => ({ ticketId: 't1', slaId, agreement: 'sla' as const, kind });

const attached = (slaId: string, kind: 'tto' | 'ttr', minutes: number): TicketSlaEvent => ({
  type: 'sla.attached',
  data: {
    ...ref(slaId, kind),
    ticketSequence: 1,
    entityId: 'root',
    name: slaId,
    calendarId: null,
    startedAt: OPENED,
    deadline: at(minutes),
    levels: [{ levelId: 'deadline', name: 'Deadline', offsetMinutes: 0, dueAt: at(minutes) }],
    reason: 'rule',
  },
});
const deadlineChanged = (paused: boolean, sequence: number): TicketSlaEvent => ({
  type: 'sla.deadline-changed',
  data: {
    ...ref('ttr', 'ttr'),
    ticketSequence: sequence,
    deadline: at(240),
    levels: [{ levelId: 'deadline', name: 'Deadline', offsetMinutes: 0, dueAt: at(240) }],
    paused,
    changedAt: at(30),
    waitingSeconds: 0,
    reason: paused ? 'paused' : 'resumed',
  },
});
const met = (slaId: string, kind: 'tto' | 'ttr', sequence: number): TicketSlaEvent => ({
  type: 'sla.met',
  data: {
    ...ref(slaId, kind),
    ticketSequence: sequence,
    deadline: at(60),
    metAt: at(20),
    late: false,
    reason: 'taken-into-account',
  },
});
const breached: TicketSlaEvent = {
  type: 'sla.breached',
  data: {
    ...ref('ttr', 'ttr'),
    entityId: 'root',
    name: 'ttr',
    deadline: at(240),
    levelId: 'deadline',
    levelName: 'Deadline',
    offsetMinutes: 0,
    dueAt: at(240),
    actions: [],
  },
};

const envelopeOf = (event: TicketSlaEvent, sequence: number): EventEnvelope => ({
  id: `e${sequence}`,
  type: event.type,
  schemaVersion: 1,
  streamId: 'ticket-sla-t1',
  sequence,
  entityId: 'root',
  occurredAt: at(sequence),
  actor: { kind: 'system', id: 'sla' },
  correlationId: 'c1',
  causationId: 'c1',
  data: event.data,
});

/** The read model after the events, as the projection store folds them. */
const project = (...events: TicketSlaEvent[]): TicketSlaDoc | null =>
  events.reduce<TicketSlaDoc | null>(
    (doc, event, index) => ticketSlaProjection.apply(doc, envelopeOf(event, index + 1)),
    null,
  );

describe('the ticket_sla read model', () => {
  it('handles every event of a ticket’s deadlines, and only those', () => {
    expect([...ticketSlaProjection.handles].sort()).toEqual([
      'sla.attached',
      'sla.breached',
      'sla.deadline-changed',
      'sla.detached',
      'sla.escalated',
      'sla.met',
      'sla.warning',
    ]);
  });

  it('given an agreement attached, then the ticket is running: its timers must exist', () => {
    expect(project(attached('ttr', 'ttr', 240))?.running).toBe(true);
  });

  it('given its only agreement paused, then it is not running', () => {
    expect(project(attached('ttr', 'ttr', 240), deadlineChanged(true, 2))?.running).toBe(false);
  });

  it('given its paused agreement resumed, then it runs again', () => {
    expect(project(attached('ttr', 'ttr', 240), deadlineChanged(true, 2), deadlineChanged(false, 3))?.running).toBe(
      true,
    );
  });

  it('given its only agreement met, then it is not running', () => {
    expect(project(attached('tto', 'tto', 60), met('tto', 'tto', 2))?.running).toBe(false);
  });

  it('given a met TTO and a running TTR, then it is still running', () => {
    expect(project(attached('tto', 'tto', 60), attached('ttr', 'ttr', 240), met('tto', 'tto', 2))?.running).toBe(true);
  });

  it('given its only agreement detached, then it is not running', () => {
    const detached: TicketSlaEvent = {
      type: 'sla.detached',
      data: { ...ref('ttr', 'ttr'), ticketSequence: 2, reason: 'reclassified' },
    };
    expect(project(attached('ttr', 'ttr', 240), detached)?.running).toBe(false);
  });

  it('given a breach, then the agreement still runs (escalations may follow) and is flagged breached', () => {
    const doc = project(attached('ttr', 'ttr', 240), breached);
    expect(doc?.running).toBe(true);
    expect(doc?.agreements[0]).toMatchObject({ state: 'running', breached: true, fired: ['deadline'] });
  });

  it('folds exactly the decider’s state, with nothing but the running flag added', () => {
    const events = [attached('tto', 'tto', 60), attached('ttr', 'ttr', 240), met('tto', 'tto', 2), breached];
    const { running, ...state } = project(...events)!;
    expect(state).toEqual(events.reduce(evolveTicketSla, initialTicketSlaState()));
    expect(running).toBe(true);
  });
});
