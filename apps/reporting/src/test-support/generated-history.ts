import type { CalendarDefinition } from '@itsm/contracts';
import { TicketHistory } from './ticket-history';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** The first ticket's opening: a Monday, so the first tickets fill one ISO week of January. */
export const GENERATED_START = Date.parse('2026-01-05T08:00:00.000Z');

/**
 * `count` tickets opened an hour apart, each following rules of its number i whose statistics are
 * known without folding anything (the spec computes them from i):
 * - in entity A when i is even, B when odd; assigned to tech-1, reassigned to tech-2 at +20 min when i % 7 = 0;
 * - taken into account (New -> Assigned) at +10 min;
 * - pending from +1 h to +2 h when i % 3 = 0;
 * - solved at +5 h; when i % 5 = 0 reopened at +6 h and solved again at +7 h;
 * - closed at +8 h unless i % 4 = 0; satisfaction (i % 5) + 1 at +9 h when closed and i even;
 * - an SLA TTR due at +6 h 30: met at the solution, so breached when i % 5 = 0; counted on the
 *   calendar "office" (weekdays 08:00-18:00 UTC) when i is odd, a calendar defined after every ticket;
 * - linked to the computer pc-(i % 3), all laptops, pc-0 a Latitude, pc-1 and pc-2 EliteBooks until
 *   pc-2 becomes a ZBook after every ticket.
 * Calendars and assets come after the tickets that read them, so that the tickets are resolved again.
 */
export function generatedHistory(count: number, start = GENERATED_START): TicketHistory {
  const history = new TicketHistory();
  const before = new Date(start - 86_400_000).toISOString();
  history.asset('pc-0', 'laptop', 'latitude', before);
  history.asset('pc-1', 'laptop', 'elitebook', before);
  history.asset('pc-2', 'laptop', 'elitebook', before);
  for (let i = 0; i < count; i++) {
    const opened = start + i * HOUR;
    const at = (offset: number) => new Date(opened + offset).toISOString();
    const ticketId = `t${String(i).padStart(6, '0')}`;
    history.open(ticketId, at(0), {
      entityId: i % 2 === 0 ? 'A' : 'B',
      technician: 'tech-1',
      categoryId: 'printers',
      items: [{ itemType: 'computer', itemId: `pc-${i % 3}` }],
    });
    const deadline = at(6 * HOUR + 30 * MINUTE);
    history.attach(ticketId, 'sla-ttr', 'sla', 'ttr', deadline, at(0), i % 2 === 1 ? 'office' : null);
    history.status(ticketId, 'new', 'assigned', at(10 * MINUTE));
    if (i % 7 === 0) {
      history.assign(ticketId, { kind: 'user', id: 'tech-1' }, at(20 * MINUTE), true);
      history.assign(ticketId, { kind: 'user', id: 'tech-2' }, at(20 * MINUTE));
    }
    if (i % 3 === 0) {
      history.status(ticketId, 'assigned', 'pending', at(HOUR));
      history.status(ticketId, 'pending', 'assigned', at(2 * HOUR));
    }
    history.status(ticketId, 'assigned', 'solved', at(5 * HOUR));
    let solvedAt = at(5 * HOUR);
    if (i % 5 === 0) {
      history.status(ticketId, 'solved', 'assigned', at(6 * HOUR));
      history.status(ticketId, 'assigned', 'solved', at(7 * HOUR));
      solvedAt = at(7 * HOUR);
    }
    history.met(ticketId, 'sla-ttr', 'sla', 'ttr', deadline, solvedAt);
    if (i % 4 !== 0) {
      history.status(ticketId, 'solved', 'closed', at(8 * HOUR));
      if (i % 2 === 0) history.satisfaction(ticketId, (i % 5) + 1, at(9 * HOUR));
    }
  }
  const after = new Date(start + (count + 10) * HOUR).toISOString();
  history.calendar('office', OFFICE_HOURS, after);
  history.asset('pc-2', 'laptop', 'zbook', after);
  return history;
}

/** Weekdays 08:00-18:00 UTC, no holiday. */
export const OFFICE_HOURS: CalendarDefinition = {
  name: 'Bureau',
  timeZone: 'UTC',
  openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '18:00' })),
  holidays: [],
};
