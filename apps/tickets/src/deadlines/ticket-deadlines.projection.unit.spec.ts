import type { EventEnvelope, TicketSlaEvent } from '@itsm/contracts';
import { ticketDeadlinesProjection, type TicketDeadlines } from './ticket-deadlines.projection';

// The tickets' deadlines as tickets keeps them from itsm.sla.events: one document per ticket,
// four slots (TTO, TTR, TTO interne, TTR interne), breaches kept for the list criteria.

const TICKET = 't1';
let sequence = 0;

const ref = (slaId: string, agreement: 'sla' | 'ola', kind: 'tto' | 'ttr') => ({
  ticketId: TICKET,
  slaId,
  agreement,
  kind,
});
const envelope = (event: TicketSlaEvent, occurredAt = '2026-03-02T12:00:00.000Z'): EventEnvelope => ({
  id: `e${++sequence}`,
  type: event.type,
  schemaVersion: 1,
  streamId: `ticket-sla-${TICKET}`,
  sequence,
  entityId: 'E1',
  occurredAt,
  actor: { kind: 'system', id: 'sla' },
  correlationId: 'c',
  causationId: 'c',
  data: event.data,
});
const attached = (slaId: string, agreement: 'sla' | 'ola', kind: 'tto' | 'ttr', deadline: string): TicketSlaEvent => ({
  type: 'sla.attached',
  data: {
    ...ref(slaId, agreement, kind),
    ticketSequence: 1,
    entityId: 'E1',
    name: `${agreement} ${kind}`,
    calendarId: null,
    startedAt: '2026-03-02T08:00:00.000Z',
    deadline,
    levels: [],
    reason: 'rule',
  },
});
const level = (
  type: 'sla.warning' | 'sla.breached' | 'sla.escalated',
  slaId: string,
  agreement: 'sla' | 'ola',
  kind: 'tto' | 'ttr',
  offsetMinutes: number,
): TicketSlaEvent =>
  ({
    type,
    data: {
      ...ref(slaId, agreement, kind),
      entityId: 'E1',
      name: `${agreement} ${kind}`,
      deadline: '2026-03-02T12:00:00.000Z',
      levelId: `level${offsetMinutes}`,
      levelName: `level ${offsetMinutes}`,
      offsetMinutes,
      dueAt: '2026-03-02T12:00:00.000Z',
      actions: [],
    },
  }) as TicketSlaEvent;
const met = (slaId: string, agreement: 'sla' | 'ola', kind: 'tto' | 'ttr', late: boolean): TicketSlaEvent => ({
  type: 'sla.met',
  data: {
    ...ref(slaId, agreement, kind),
    ticketSequence: 5,
    deadline: '2026-03-02T12:00:00.000Z',
    metAt: '2026-03-02T13:00:00.000Z',
    late,
    reason: 'solved',
  },
});
const deadlineChanged = (slaId: string, paused: boolean, deadline: string): TicketSlaEvent => ({
  type: 'sla.deadline-changed',
  data: {
    ...ref(slaId, 'sla', 'ttr'),
    ticketSequence: 3,
    deadline,
    levels: [],
    paused,
    changedAt: '2026-03-02T10:00:00.000Z',
    waitingSeconds: paused ? 0 : 1800,
    reason: paused ? 'paused' : 'resumed',
  },
});

const project = (...events: TicketSlaEvent[]): TicketDeadlines =>
  events.reduce<TicketDeadlines | null>(
    (doc, event) => ticketDeadlinesProjection.apply(doc, envelope(event)),
    null,
  ) as TicketDeadlines;

describe('ticket_deadlines', () => {
  it('fills the slot of each agreement and kind, running', () => {
    const doc = project(
      attached('tto-1h', 'sla', 'tto', '2026-03-02T09:00:00.000Z'),
      attached('ttr-4h', 'sla', 'ttr', '2026-03-02T12:00:00.000Z'),
      attached('ola-ttr', 'ola', 'ttr', '2026-03-02T11:00:00.000Z'),
    );
    expect(doc).toMatchObject({ ticketId: TICKET, entityId: 'E1', breachIndex: [] });
    expect(doc.slots.tto).toMatchObject({ slaId: 'tto-1h', state: 'running', deadline: '2026-03-02T09:00:00.000Z' });
    expect(doc.slots.ttr).toMatchObject({ slaId: 'ttr-4h', state: 'running', breached: false, met: false });
    expect(doc.slots.internalTtr).toMatchObject({ slaId: 'ola-ttr', name: 'ola ttr' });
    expect(doc.slots.internalTto).toBeNull();
  });

  it('a warning names the level; the breach flags the slot and indexes it', () => {
    const warned = project(
      attached('ttr-4h', 'sla', 'ttr', '2026-03-02T12:00:00.000Z'),
      level('sla.warning', 'ttr-4h', 'sla', 'ttr', -30),
    );
    expect(warned.slots.ttr).toMatchObject({ state: 'running', breached: false, lastLevel: { name: 'level -30' } });
    const breached = project(
      attached('ttr-4h', 'sla', 'ttr', '2026-03-02T12:00:00.000Z'),
      level('sla.breached', 'ttr-4h', 'sla', 'ttr', 0),
    );
    expect(breached.slots.ttr).toMatchObject({
      state: 'breached',
      breached: true,
      breachedAt: '2026-03-02T12:00:00.000Z',
    });
    expect(breached.breachIndex.sort()).toEqual(['sla:any', 'sla:ttr']);
  });

  it('stays breached once met late; met late without a breach event is a breach too', () => {
    const doc = project(
      attached('ttr-4h', 'sla', 'ttr', '2026-03-02T12:00:00.000Z'),
      attached('ola-tto', 'ola', 'tto', '2026-03-02T12:00:00.000Z'),
      level('sla.breached', 'ttr-4h', 'sla', 'ttr', 0),
      met('ttr-4h', 'sla', 'ttr', true),
      met('ola-tto', 'ola', 'tto', true),
    );
    expect(doc.slots.ttr).toMatchObject({ state: 'met', breached: true, met: true, late: true });
    expect(doc.slots.internalTto).toMatchObject({ state: 'met', breached: true, late: true });
    expect(doc.breachIndex.sort()).toEqual(['ola:any', 'ola:tto', 'sla:any', 'sla:ttr']);
    const inTime = project(
      attached('tto-1h', 'sla', 'tto', '2026-03-02T12:00:00.000Z'),
      met('tto-1h', 'sla', 'tto', false),
    );
    expect(inTime.slots.tto).toMatchObject({
      state: 'met',
      breached: false,
      late: false,
      metAt: '2026-03-02T13:00:00.000Z',
    });
  });

  it('pauses and resumes with the moved deadline; a restarted TTR runs again', () => {
    const paused = project(
      attached('ttr-4h', 'sla', 'ttr', '2026-03-02T12:00:00.000Z'),
      deadlineChanged('ttr-4h', true, '2026-03-02T12:00:00.000Z'),
    );
    expect(paused.slots.ttr).toMatchObject({ state: 'paused', paused: true });
    const resumed = project(
      attached('ttr-4h', 'sla', 'ttr', '2026-03-02T12:00:00.000Z'),
      met('ttr-4h', 'sla', 'ttr', false),
      deadlineChanged('ttr-4h', false, '2026-03-02T12:30:00.000Z'),
    );
    expect(resumed.slots.ttr).toMatchObject({
      state: 'running',
      met: false,
      metAt: null,
      late: null,
      deadline: '2026-03-02T12:30:00.000Z',
      waitingSeconds: 1800,
    });
  });

  it('detaching empties the slot and its breach; events of another agreement leave a slot alone', () => {
    const doc = project(
      attached('ttr-4h', 'sla', 'ttr', '2026-03-02T12:00:00.000Z'),
      level('sla.breached', 'ttr-4h', 'sla', 'ttr', 0),
      level('sla.breached', 'other', 'sla', 'tto', 0),
      met('other', 'sla', 'ttr', true),
      { type: 'sla.detached', data: { ...ref('ttr-4h', 'sla', 'ttr'), ticketSequence: 4, reason: 'reclassified' } },
    );
    expect(doc.slots).toEqual({ tto: null, ttr: null, internalTto: null, internalTtr: null });
    expect(doc.breachIndex).toEqual([]);
  });
});
