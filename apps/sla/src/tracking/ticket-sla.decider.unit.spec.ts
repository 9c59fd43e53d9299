import type { AgreementTerms, TicketSlaEvent } from '@itsm/contracts';
import { deciderSpecification } from '@itsm/testing';
import type { ResolvedAgreement, TicketFacts, TicketMilestone, TicketSlaCommand } from './ticket-sla.commands';
import { ticketSlaDecider } from './ticket-sla.decider';

const spec = deciderSpecification(ticketSlaDecider);
const OPENED = '2026-11-30T09:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(OPENED) + minutes * 60_000).toISOString();

const terms = (overrides: Partial<AgreementTerms>): AgreementTerms => ({
  name: 'TTR 4 h',
  agreement: 'sla',
  kind: 'ttr',
  duration: 4,
  unit: 'hours',
  calendarId: null,
  useEntityCalendar: false,
  levels: [],
  ...overrides,
});
const ttr: ResolvedAgreement = {
  slaId: 'ttr-4h',
  terms: terms({
    levels: [{ levelId: 'warn', name: 'Alerte', offsetMinutes: -30, actions: [{ type: 'notify-assignees' }] }],
  }),
  calendarId: null,
  calendar: null,
};
const tto: ResolvedAgreement = {
  slaId: 'tto-1h',
  terms: terms({ name: 'TTO 1 h', kind: 'tto', duration: 1 }),
  calendarId: null,
  calendar: null,
};
const ticket = (overrides: Partial<TicketFacts> = {}): TicketFacts => ({
  ticketId: 't1',
  entityId: 'root',
  openedAt: OPENED,
  status: 'new',
  takenIntoAccountAt: null,
  ...overrides,
});
const observe = (
  sequence: number,
  minutes: number,
  milestones: TicketMilestone[],
  extra: Partial<Extract<TicketSlaCommand, { type: 'observe-ticket' }>> = {},
): TicketSlaCommand => ({
  type: 'observe-ticket',
  ticket: ticket(),
  ticketSequence: sequence,
  at: at(minutes),
  milestones,
  chosen: [],
  calendars: {},
  horizonDays: 3660,
  ...extra,
});
const reach = (slaId: string, levelId: string, minutes: number): TicketSlaCommand => ({
  type: 'reach-level',
  slaId,
  levelId,
  now: at(minutes),
  actions: [{ type: 'notify-assignees' }],
});

const attachedTtr: TicketSlaEvent = {
  type: 'sla.attached',
  data: {
    ticketId: 't1',
    slaId: 'ttr-4h',
    agreement: 'sla',
    kind: 'ttr',
    ticketSequence: 1,
    entityId: 'root',
    name: 'TTR 4 h',
    calendarId: null,
    startedAt: OPENED,
    deadline: at(240),
    levels: [
      { levelId: 'warn', name: 'Alerte', offsetMinutes: -30, dueAt: at(210) },
      { levelId: 'deadline', name: 'Deadline', offsetMinutes: 0, dueAt: at(240) },
    ],
    reason: 'rule',
  },
};
const attachedTto: TicketSlaEvent = {
  type: 'sla.attached',
  data: {
    ticketId: 't1',
    slaId: 'tto-1h',
    agreement: 'sla',
    kind: 'tto',
    ticketSequence: 1,
    entityId: 'root',
    name: 'TTO 1 h',
    calendarId: null,
    startedAt: OPENED,
    deadline: at(60),
    levels: [{ levelId: 'deadline', name: 'Deadline', offsetMinutes: 0, dueAt: at(60) }],
    reason: 'rule',
  },
};
const ref = (slaId: string, kind: 'tto' | 'ttr') => ({ ticketId: 't1', slaId, agreement: 'sla' as const, kind });
const paused = (sequence: number, minutes: number): TicketSlaEvent => ({
  type: 'sla.deadline-changed',
  data: {
    ...ref('ttr-4h', 'ttr'),
    ticketSequence: sequence,
    levels: attachedTtr.data.levels,
    deadline: at(240),
    paused: true,
    changedAt: at(minutes),
    waitingSeconds: 0,
    reason: 'paused',
  },
});

describe('a ticket’s deadlines', () => {
  describe('opening', () => {
    it('attaches what the rules chose, deadline from the opening, with a breach level at the deadline', () => {
      spec
        .given([])
        .when(observe(1, 0, ['opened'], { chosen: [ttr, tto] }))
        .then([attachedTtr, attachedTto]);
    });

    it('sets at the horizon a deadline its calendar cannot reach before (a calendar opened one minute a week)', () => {
      const sparse: ResolvedAgreement = {
        slaId: 'ttr-year',
        terms: terms({ name: 'TTR un an', duration: 366 * 24, unit: 'hours' }),
        calendarId: 'one-minute',
        calendar: {
          name: 'Une minute',
          timeZone: 'Europe/Paris',
          openingHours: [{ weekday: 1, start: '08:00', end: '08:01' }],
          holidays: [],
        },
      };
      const horizon = new Date(Date.parse(OPENED) + 400 * 86_400_000).toISOString();
      spec
        .given([])
        .when(observe(1, 0, ['opened'], { chosen: [sparse], horizonDays: 400 }))
        .then([
          {
            type: 'sla.attached',
            data: {
              ...attachedTtr.data,
              slaId: 'ttr-year',
              name: 'TTR un an',
              calendarId: 'one-minute',
              deadline: horizon,
              levels: [{ levelId: 'deadline', name: 'Deadline', offsetMinutes: 0, dueAt: horizon }],
            },
          },
        ]);
    });

    it('attaches nothing when no rule matched', () => {
      spec
        .given([])
        .when(observe(1, 0, ['opened']))
        .then([]);
    });

    it('ignores a ticket event it already acted upon (a Kafka redelivery)', () => {
      spec
        .given([attachedTtr])
        .when(observe(1, 0, ['opened'], { chosen: [ttr] }))
        .then([]);
    });
  });

  describe('time to own', () => {
    it('is met by the first assignment, in time', () => {
      spec
        .given([attachedTtr, attachedTto])
        .when(observe(2, 20, ['taken-into-account']))
        .then([
          {
            type: 'sla.met',
            data: {
              ...ref('tto-1h', 'tto'),
              ticketSequence: 2,
              deadline: at(60),
              metAt: at(20),
              late: false,
              reason: 'taken-into-account',
            },
          },
        ]);
    });

    it('is met late after its deadline, and only once', () => {
      const late: TicketSlaEvent = {
        type: 'sla.met',
        data: {
          ...ref('tto-1h', 'tto'),
          ticketSequence: 2,
          deadline: at(60),
          metAt: at(90),
          late: true,
          reason: 'taken-into-account',
        },
      };
      spec
        .given([attachedTto])
        .when(observe(2, 90, ['taken-into-account']))
        .then([late]);
      spec
        .given([attachedTto, late])
        .when(observe(3, 95, ['taken-into-account']))
        .then([]);
    });

    it('never pauses: pending stops only the time to resolve', () => {
      spec
        .given([attachedTtr, attachedTto])
        .when(observe(2, 30, ['paused']))
        .then([paused(2, 30)]);
    });
  });

  describe('time to resolve', () => {
    it('moves out by the time spent pending (24/7: the wall-clock time)', () => {
      spec
        .given([attachedTtr, paused(2, 30)])
        .when(observe(3, 150, ['resumed']))
        .then([
          {
            type: 'sla.deadline-changed',
            data: {
              ...ref('ttr-4h', 'ttr'),
              ticketSequence: 3,
              deadline: at(360),
              levels: [
                { levelId: 'warn', name: 'Alerte', offsetMinutes: -30, dueAt: at(330) },
                { levelId: 'deadline', name: 'Deadline', offsetMinutes: 0, dueAt: at(360) },
              ],
              paused: false,
              changedAt: at(150),
              waitingSeconds: 7200,
              reason: 'resumed',
            },
          },
        ]);
    });

    it('is met by the solution; a refusal resumes it, moved by the time the solution waited', () => {
      const solved: TicketSlaEvent = {
        type: 'sla.met',
        data: {
          ...ref('ttr-4h', 'ttr'),
          ticketSequence: 2,
          deadline: at(240),
          metAt: at(60),
          late: false,
          reason: 'solved',
        },
      };
      spec
        .given([attachedTtr])
        .when(observe(2, 60, ['solved']))
        .then([solved]);
      spec
        .given([attachedTtr, solved])
        .when(observe(3, 120, ['solution-refused']))
        .then([
          {
            type: 'sla.deadline-changed',
            data: {
              ...ref('ttr-4h', 'ttr'),
              ticketSequence: 3,
              deadline: at(300),
              levels: [
                { levelId: 'warn', name: 'Alerte', offsetMinutes: -30, dueAt: at(270) },
                { levelId: 'deadline', name: 'Deadline', offsetMinutes: 0, dueAt: at(300) },
              ],
              paused: false,
              changedAt: at(120),
              waitingSeconds: 3600,
              reason: 'solution-refused',
            },
          },
        ]);
    });

    it('solved while pending is judged where the pause began', () => {
      spec
        .given([attachedTtr, paused(2, 30)])
        .when(observe(3, 600, ['taken-into-account', 'solved']))
        .then([
          {
            type: 'sla.met',
            data: {
              ...ref('ttr-4h', 'ttr'),
              ticketSequence: 3,
              deadline: at(240),
              metAt: at(600),
              late: false,
              reason: 'solved',
            },
          },
        ]);
    });

    it('closing meets every clock still running', () => {
      spec
        .given([attachedTtr, attachedTto])
        .when(observe(2, 30, ['closed']))
        .then([
          {
            type: 'sla.met',
            data: {
              ...ref('ttr-4h', 'ttr'),
              ticketSequence: 2,
              deadline: at(240),
              metAt: at(30),
              late: false,
              reason: 'closed',
            },
          },
          {
            type: 'sla.met',
            data: {
              ...ref('tto-1h', 'tto'),
              ticketSequence: 2,
              deadline: at(60),
              metAt: at(30),
              late: false,
              reason: 'closed',
            },
          },
        ]);
    });
  });

  describe('levels', () => {
    const breach = (minutes: number): TicketSlaEvent => ({
      type: 'sla.breached',
      data: {
        ...ref('ttr-4h', 'ttr'),
        entityId: 'root',
        name: 'TTR 4 h',
        deadline: at(240),
        levelId: 'deadline',
        levelName: 'Deadline',
        offsetMinutes: 0,
        dueAt: at(minutes),
        actions: [{ type: 'notify-assignees' }],
      },
    });

    it('a negative offset is a warning, the deadline a breach', () => {
      spec
        .given([attachedTtr])
        .when(reach('ttr-4h', 'warn', 210))
        .then([
          {
            type: 'sla.warning',
            data: { ...breach(210).data, levelId: 'warn', levelName: 'Alerte', offsetMinutes: -30, dueAt: at(210) },
          } as TicketSlaEvent,
        ]);
      spec
        .given([attachedTtr])
        .when(reach('ttr-4h', 'deadline', 240))
        .then([breach(240)]);
    });

    it('a timer firing twice emits once (two replicas, a retried job)', () => {
      spec
        .given([attachedTtr, breach(240)])
        .when(reach('ttr-4h', 'deadline', 241))
        .then([]);
    });

    it('a stale timer does nothing: early, paused, met or detached', () => {
      spec
        .given([attachedTtr])
        .when(reach('ttr-4h', 'deadline', 239))
        .then([]);
      spec
        .given([attachedTtr, paused(2, 30)])
        .when(reach('ttr-4h', 'deadline', 250))
        .then([]);
      const met: TicketSlaEvent = {
        type: 'sla.met',
        data: {
          ...ref('ttr-4h', 'ttr'),
          ticketSequence: 2,
          deadline: at(240),
          metAt: at(60),
          late: false,
          reason: 'solved',
        },
      };
      spec
        .given([attachedTtr, met])
        .when(reach('ttr-4h', 'deadline', 250))
        .then([]);
      spec
        .given([])
        .when(reach('ttr-4h', 'deadline', 250))
        .then([]);
    });

    it('an escalation after the deadline', () => {
      const withEscalation = {
        ...attachedTtr,
        data: {
          ...attachedTtr.data,
          levels: [
            ...(attachedTtr as Extract<TicketSlaEvent, { type: 'sla.attached' }>).data.levels,
            { levelId: 'esc', name: '+2 h', offsetMinutes: 120, dueAt: at(360) },
          ],
        },
      } as TicketSlaEvent;
      spec
        .given([withEscalation])
        .when(reach('ttr-4h', 'esc', 360))
        .then([
          {
            type: 'sla.escalated',
            data: { ...breach(360).data, levelId: 'esc', levelName: '+2 h', offsetMinutes: 120 },
          } as TicketSlaEvent,
        ]);
    });
  });

  describe('reclassification', () => {
    const ttr8: ResolvedAgreement = {
      slaId: 'ttr-8h',
      terms: terms({ name: 'TTR 8 h', duration: 8 }),
      calendarId: null,
      calendar: null,
    };

    it('replaces an agreement the rules no longer give', () => {
      spec
        .given([attachedTtr])
        .when(observe(4, 30, ['reclassified'], { chosen: [ttr8] }))
        .then([
          { type: 'sla.detached', data: { ...ref('ttr-4h', 'ttr'), ticketSequence: 4, reason: 'reclassified' } },
          {
            type: 'sla.attached',
            data: {
              ...ref('ttr-8h', 'ttr'),
              ticketSequence: 4,
              entityId: 'root',
              name: 'TTR 8 h',
              calendarId: null,
              startedAt: OPENED,
              deadline: at(480),
              levels: [{ levelId: 'deadline', name: 'Deadline', offsetMinutes: 0, dueAt: at(480) }],
              reason: 'reclassified',
            },
          },
        ]);
    });

    it('keeps the same agreement untouched, and one set by hand whatever the rules say', () => {
      spec
        .given([attachedTtr])
        .when(observe(4, 30, ['reclassified'], { chosen: [ttr] }))
        .then([]);
      const explicit = { ...attachedTtr, data: { ...attachedTtr.data, reason: 'explicit' } } as TicketSlaEvent;
      spec
        .given([explicit])
        .when(observe(4, 30, ['reclassified'], { chosen: [ttr8] }))
        .then([]);
    });

    it('a new TTR on a pending ticket starts paused', () => {
      spec
        .given([])
        .when(observe(5, 30, ['reclassified'], { chosen: [ttr], ticket: ticket({ status: 'pending' }) }))
        .then([
          {
            ...attachedTtr,
            data: { ...attachedTtr.data, ticketSequence: 5, reason: 'reclassified' },
          } as TicketSlaEvent,
          paused(5, 30),
        ]);
    });
  });

  describe('set by hand', () => {
    it('attaches the agreement as explicit', () => {
      spec
        .given([])
        .when({ type: 'set-agreement', ticket: ticket(), at: at(5), resolved: ttr, horizonDays: 3660 })
        .then([
          { ...attachedTtr, data: { ...attachedTtr.data, ticketSequence: 0, reason: 'explicit' } } as TicketSlaEvent,
        ]);
    });

    it('is refused once the ticket is solved', () => {
      spec
        .given([])
        .when({
          type: 'set-agreement',
          ticket: ticket({ status: 'solved' }),
          at: at(5),
          resolved: ttr,
          horizonDays: 3660,
        })
        .thenFails('conflict', /solved/);
    });
  });
});
