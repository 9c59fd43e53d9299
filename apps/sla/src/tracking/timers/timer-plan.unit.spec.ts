import { initialTicketSlaState, type TicketSlaState, type TrackedAgreement } from '../ticket-sla.state';
import { timerJobId, timerPlan } from './timer-plan';

const agreement = (overrides: Partial<TrackedAgreement> = {}): TrackedAgreement => ({
  slaId: 'ttr-4h',
  name: 'TTR 4 h',
  agreement: 'sla',
  kind: 'ttr',
  calendarId: null,
  startedAt: '2026-11-30T09:00:00.000Z',
  deadline: '2026-11-30T13:00:00.000Z',
  levels: [
    { levelId: 'warn', name: 'Alerte', offsetMinutes: -30, dueAt: '2026-11-30T12:30:00.000Z' },
    { levelId: 'deadline', name: 'Deadline', offsetMinutes: 0, dueAt: '2026-11-30T13:00:00.000Z' },
    { levelId: 'escalate', name: 'Escalade', offsetMinutes: 60, dueAt: '2026-11-30T14:00:00.000Z' },
  ],
  fired: [],
  state: 'running',
  stoppedAt: null,
  waitingSeconds: 0,
  breached: false,
  metAt: null,
  late: false,
  explicit: false,
  ...overrides,
});

const ticketWith = (...agreements: TrackedAgreement[]): TicketSlaState => ({
  ticketId: 't1',
  entityId: 'root',
  ticketSequence: 1,
  agreements,
});

const jobsOf = (...levelIds: string[]) => levelIds.map((levelId) => timerJobId('t1', 'ttr-4h', levelId));

describe('the timers a ticket’s deadlines need', () => {
  it('given a ticket sla has not heard of, when planned, then there is nothing to schedule nor cancel', () => {
    expect(timerPlan(initialTicketSlaState())).toEqual({ pending: [], cancelled: [] });
  });

  it('given a running agreement, when planned, then each level gets a timer due at its own instant', () => {
    expect(timerPlan(ticketWith(agreement()))).toEqual({
      pending: [
        {
          jobId: 't1.ttr-4h.warn',
          ticketId: 't1',
          slaId: 'ttr-4h',
          levelId: 'warn',
          dueAt: '2026-11-30T12:30:00.000Z',
        },
        {
          jobId: 't1.ttr-4h.deadline',
          ticketId: 't1',
          slaId: 'ttr-4h',
          levelId: 'deadline',
          dueAt: '2026-11-30T13:00:00.000Z',
        },
        {
          jobId: 't1.ttr-4h.escalate',
          ticketId: 't1',
          slaId: 'ttr-4h',
          levelId: 'escalate',
          dueAt: '2026-11-30T14:00:00.000Z',
        },
      ],
      cancelled: [],
    });
  });

  it('given a running agreement whose warning and breach fired, when planned, then only the escalation waits', () => {
    const plan = timerPlan(ticketWith(agreement({ fired: ['warn', 'deadline'], breached: true })));
    expect(plan.pending.map((timer) => timer.jobId)).toEqual(jobsOf('escalate'));
    expect(plan.cancelled).toEqual(jobsOf('warn', 'deadline'));
  });

  it('given a paused agreement, when planned, then none of its timers may run', () => {
    const plan = timerPlan(ticketWith(agreement({ state: 'paused', stoppedAt: '2026-11-30T10:00:00.000Z' })));
    expect(plan).toEqual({ pending: [], cancelled: jobsOf('warn', 'deadline', 'escalate') });
  });

  it('given a met agreement, when planned, then all its timers are cancelled', () => {
    const plan = timerPlan(ticketWith(agreement({ state: 'met', metAt: '2026-11-30T10:00:00.000Z' })));
    expect(plan).toEqual({ pending: [], cancelled: jobsOf('warn', 'deadline', 'escalate') });
  });

  it('given a met TTO and a running TTR, when planned, then only the TTR’s timers wait', () => {
    const tto = agreement({
      slaId: 'tto-1h',
      kind: 'tto',
      state: 'met',
      levels: [{ levelId: 'deadline', name: 'Deadline', offsetMinutes: 0, dueAt: '2026-11-30T10:00:00.000Z' }],
    });
    const plan = timerPlan(ticketWith(tto, agreement()));
    expect(plan.pending.map((timer) => timer.slaId)).toEqual(['ttr-4h', 'ttr-4h', 'ttr-4h']);
    expect(plan.cancelled).toEqual([timerJobId('t1', 'tto-1h', 'deadline')]);
  });

  it('names a job after its ticket, agreement and level, without the ":" BullMQ refuses', () => {
    const jobId = timerJobId('0190a1b2-ticket', '0190a1b2-sla', 'deadline');
    expect(jobId).toBe('0190a1b2-ticket.0190a1b2-sla.deadline');
    expect(jobId).not.toContain(':');
  });
});
