import type { CalendarDefinition } from '@itsm/contracts';
import { generatedHistory, GENERATED_START } from '../test-support/generated-history';
import { InMemoryStatistics } from '../test-support/in-memory-statistics';
import { TicketHistory } from '../test-support/ticket-history';

// The statistics against values computed by hand: the seed's printer story, then a generated
// history whose answers follow from each ticket's number (pauses, reopenings, reassignments,
// two entities, an SLA met and breached).

const withinOnePercent = (actual: number | null, expected: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(expected * 0.01);
};

describe('the printer story of the seed (Europe/Paris)', () => {
  // Given M. Blier's call, opened 2022-01-25 10:15 by tech and assigned to him at once, solved
  // 2022-01-31 14:32:22, the solution approved (closed) at 14:50 (Paris time, UTC+1)
  const history = new TicketHistory();
  history.open('printer', '2022-01-25T09:15:00.000Z', {
    requester: 'blier',
    technician: 'tech',
    categoryId: 'panne-materielle',
    priority: 2,
  });
  history.status('printer', 'new', 'assigned', '2022-01-25T09:15:00.000Z');
  history.followup('printer', 'tech', '2022-01-25T09:20:00.000Z');
  history.status('printer', 'assigned', 'solved', '2022-01-31T13:32:22.000Z');
  history.status('printer', 'solved', 'closed', '2022-01-31T13:50:00.000Z');
  // When the statistics fold it
  const statistics = new InMemoryStatistics('Europe/Paris').fold(history.events);

  it('counts it opened, solved and closed in January 2022, with GLPI delays', () => {
    const january = statistics.row('all', 'month', '2022-01-01');
    expect(january).toMatchObject({ opened: 1, solved: 1, closed: 1, reopened: 0, late: 0, backlog: 0 });
    // taken into account at its opening: 0 s; solved after 6 d 4 h 17 min 22 s; closed after 6 d 4 h 35 min
    expect(january.timeToOwn).toEqual({ count: 1, average: 0, p90: 0 });
    expect(january.timeToSolve.average).toBe(6 * 86_400 + 4 * 3600 + 17 * 60 + 22);
    expect(january.timeToClose.average).toBe(6 * 86_400 + 4 * 3600 + 35 * 60);
    withinOnePercent(january.timeToSolve.p90, 533_842);
    expect(january.waiting).toEqual({ count: 1, average: 0, p90: 0 });
    expect(january.satisfaction).toEqual({ answered: 0, average: null, answerRate: 0 });
  });

  it('puts the opening and the solution on their days and ISO weeks, and the backlog between', () => {
    expect(statistics.row('all', 'day', '2022-01-25')).toMatchObject({ opened: 1, solved: 0, backlog: 1 });
    expect(statistics.row('all', 'day', '2022-01-28')).toMatchObject({ opened: 0, backlog: 1 });
    expect(statistics.row('all', 'day', '2022-01-31')).toMatchObject({ solved: 1, closed: 1, backlog: 0 });
    expect(statistics.row('all', 'week', '2022-01-24')).toMatchObject({ opened: 1, solved: 0, backlog: 1 });
    expect(statistics.row('all', 'week', '2022-01-31')).toMatchObject({ solved: 1, backlog: 0 });
  });

  it('files it under its technician, requester, category and priority', () => {
    for (const [dimension, value] of [
      ['technician', 'tech'],
      ['requester', 'blier'],
      ['category', 'panne-materielle'],
      ['priority', '2'],
      ['group', 'none'],
    ]) {
      expect(statistics.row(dimension, 'month', '2022-01-01', value)).toMatchObject({ opened: 1, closed: 1 });
    }
  });
});

describe('a generated history with known answers (UTC)', () => {
  const COUNT = 60;
  const tickets = Array.from({ length: COUNT }, (_, i) => i);
  const HOUR = 3600;
  // Given 60 tickets opened an hour apart from Monday 2026-01-05 08:00 (see generatedHistory)
  const history = generatedHistory(COUNT);
  const waiting = (i: number) => (i % 3 === 0 ? HOUR : 0) + (i % 5 === 0 ? HOUR : 0);
  const solve = (i: number) => (i % 5 === 0 ? 7 : 5) * HOUR - waiting(i);
  const closedOnes = tickets.filter((i) => i % 4 !== 0);
  const answered = tickets.filter((i) => i % 4 === 2);
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  // When the statistics fold it in batches of 50 events
  const statistics = new InMemoryStatistics().fold(history.inTimeOrder(), 50);

  it('counts the month as each ticket’s rules say', () => {
    const january = statistics.row('all', 'month', '2026-01-01');
    expect(january).toMatchObject({ opened: 60, solved: 60, closed: 45, reopened: 12, late: 12, backlog: 0 });
    expect(january.timeToOwn).toMatchObject({ count: 60, average: 600 });
    withinOnePercent(january.timeToOwn.p90, 600);
    expect(january.waiting.average).toBe(Math.round(sum(tickets.map(waiting)) / COUNT));
    expect(january.timeToSolve.average).toBe(Math.round(sum(tickets.map(solve)) / COUNT));
    expect(january.timeToClose.average).toBe(
      Math.round(sum(closedOnes.map((i) => 8 * HOUR - waiting(i))) / closedOnes.length),
    );
    // the 90th percentile of the solving times: 6 h (reopened, no pause), the highest level but one
    withinOnePercent(january.timeToSolve.p90, 6 * HOUR);
    expect(january.satisfaction).toEqual({
      answered: 15,
      average: Math.round((sum(answered.map((i) => (i % 5) + 1)) / 15) * 10_000) / 10_000,
      answerRate: Math.round((15 / 45) * 10_000) / 10_000,
    });
    expect(january.agreements).toMatchObject({ sla_ttr_met: 48, sla_ttr_breached: 12, sla_tto_met: 0 });
  });

  it('files reassigned tickets under their technician now, as GLPI reads its tables', () => {
    const reassigned = tickets.filter((i) => i % 7 === 0).length;
    expect(statistics.row('technician', 'month', '2026-01-01', 'tech-2').opened).toBe(reassigned);
    expect(statistics.row('technician', 'month', '2026-01-01', 'tech-1').opened).toBe(COUNT - reassigned);
  });

  it('keeps each entity apart: a manager of A sees A’s tickets only, and both once B moved under A', () => {
    const a = statistics.row('all', 'month', '2026-01-01', '*', ['A']);
    expect(a).toMatchObject({ opened: 30, solved: 30, reopened: tickets.filter((i) => i % 10 === 0).length });
    // the scope is the entity tree now: B moved under A, A's subtree is A and B (docs/reporting.md, Scope)
    const moved = statistics.row('all', 'month', '2026-01-01', '*', ['A', 'B']);
    expect(moved).toEqual(statistics.row('all', 'month', '2026-01-01'));
  });

  it('counts business time as wall time for tickets whose SLA has no calendar (the even ones, in A)', () => {
    const a = statistics.row('all', 'month', '2026-01-01', '*', ['A']);
    expect(a.businessTime).toEqual({
      timeToOwn: a.timeToOwn,
      timeToSolve: a.timeToSolve,
      timeToClose: a.timeToClose,
      waiting: a.waiting,
    });
  });

  it('files each ticket under its computer’s type and model as they are now', () => {
    const opened = (dimension: string) =>
      statistics.table(dimension, 'month', '2026-01-01', '2026-02-01').map((row) => [row.value, row.opened]);
    expect(opened('asset-type')).toEqual([['laptop', 60]]);
    expect(opened('asset-model')).toEqual([
      ['elitebook', 20],
      ['latitude', 20],
      ['zbook', 20],
    ]);
  });

  it('gives the backlog at the end of each day: tickets opened and not solved, or reopened', () => {
    const openAt = (i: number, instant: number) => {
      const opened = GENERATED_START / 1000 + i * HOUR;
      const t = instant - opened;
      // what happened before the end counts: a solution at midnight sharp is the next day's
      return t > 0 && (t <= 5 * HOUR || (i % 5 === 0 && t > 6 * HOUR && t <= 7 * HOUR));
    };
    for (const day of ['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08']) {
      const end = Date.parse(`${day}T00:00:00.000Z`) / 1000 + 86_400;
      const expected = tickets.filter((i) => openAt(i, end)).length;
      expect(statistics.row('all', 'day', day).backlog).toBe(expected);
    }
  });
});

describe('a ticket counted in business time on its SLA’s calendar (weekdays 09:00-17:00 UTC)', () => {
  const NINE_TO_FIVE: CalendarDefinition = {
    name: 'Support',
    timeZone: 'UTC',
    openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
    holidays: [],
  };
  // Given a ticket opened Friday 2026-01-09 16:00 with an SLA TTO and TTR on that calendar, taken at
  // 16:30; solved Monday 10:00, the solution refused at 11:00; pending Monday 16:00 to Tuesday 09:30;
  // solved Tuesday 12:00 and closed at 14:00
  const history = new TicketHistory();
  history.open('friday', '2026-01-09T16:00:00.000Z', { technician: 'tech' });
  history.attach('friday', 'tto', 'sla', 'tto', '2026-01-12T10:00:00.000Z', '2026-01-09T16:00:00.000Z', 'support');
  history.attach('friday', 'ttr', 'sla', 'ttr', '2026-01-13T16:00:00.000Z', '2026-01-09T16:00:00.000Z', 'support');
  history.status('friday', 'new', 'assigned', '2026-01-09T16:30:00.000Z');
  history.status('friday', 'assigned', 'solved', '2026-01-12T10:00:00.000Z');
  history.status('friday', 'solved', 'assigned', '2026-01-12T11:00:00.000Z');
  history.status('friday', 'assigned', 'pending', '2026-01-12T16:00:00.000Z');
  history.status('friday', 'pending', 'assigned', '2026-01-13T09:30:00.000Z');
  history.status('friday', 'assigned', 'solved', '2026-01-13T12:00:00.000Z');
  history.status('friday', 'solved', 'closed', '2026-01-13T14:00:00.000Z');
  const calendar = new TicketHistory().calendar('support', NINE_TO_FIVE, '2026-01-01T00:00:00.000Z').events;

  it('takes the closed hours off its times, and keeps the wall-clock ones beside them', () => {
    // When the calendar is read before the ticket, or only after it (another partition)
    for (const events of [
      [...calendar, ...history.events],
      [...history.events, ...calendar],
    ]) {
      const january = new InMemoryStatistics().fold(events, 3).row('all', 'month', '2026-01-01');
      // Then, open hours: Friday 16-17, Monday 9-17, Tuesday 9-12 (12 h) to the solution, 14 h to the
      // closing; waits Monday 10-11 (1 h) and Monday 16-17 + Tuesday 9-9:30 (1 h 30)
      expect(january.businessTime.timeToOwn.average).toBe(1800);
      expect(january.businessTime.waiting.average).toBe(9000);
      expect(january.businessTime.timeToSolve.average).toBe(12 * 3600 - 9000);
      expect(january.businessTime.timeToClose.average).toBe(14 * 3600 - 9000);
      // and on the wall clock: 92 h to the solution, 94 h to the closing, waits 1 h + 17 h 30
      expect(january.waiting.average).toBe(66_600);
      expect(january.timeToSolve.average).toBe(92 * 3600 - 66_600);
      expect(january.timeToClose.average).toBe(94 * 3600 - 66_600);
    }
  });
});
