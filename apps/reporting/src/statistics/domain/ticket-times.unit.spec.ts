import type { TicketStatus } from '@itsm/contracts';
import type { OpenedTicket } from './ticket-record';
import { ticketTimes } from './ticket-times';

const opened: OpenedTicket = {
  entityId: 'root',
  openedAt: '2026-01-05T08:00:00.000Z',
  type: 'incident',
  categoryId: null,
  priority: 3,
  location: null,
  itemTypes: [],
  itemIds: [],
  requesterUserIds: ['requester'],
  technicianIds: [],
  groupIds: [],
  status: 'new',
  statusChanges: [],
  takenIntoAccountAt: '2026-01-05T08:15:00.000Z',
  satisfaction: null,
};

/** A ticket whose status went through `changes` (hours after its opening at 08:00). */
const through = (...changes: Array<[number, TicketStatus, TicketStatus]>): OpenedTicket => ({
  ...opened,
  statusChanges: changes.map(([hours, from, to]) => ({
    at: new Date(Date.parse(opened.openedAt) + hours * 3_600_000).toISOString(),
    from,
    to,
  })),
});

describe('GLPI statistics delays of a ticket (wall time)', () => {
  it('takes the pending time off the solving and closing times', () => {
    // Given a ticket pending from +1 h to +3 h, solved at +4 h, closed at +6 h
    const times = ticketTimes(
      through([1, 'new', 'pending'], [3, 'pending', 'assigned'], [4, 'assigned', 'solved'], [6, 'solved', 'closed']),
    );
    // Then it waited 2 h, was solved in 2 h and closed in 4 h; owned in 15 min
    expect(times).toMatchObject({ waitingSeconds: 7200, solveSeconds: 7200, closeSeconds: 14_400, ownSeconds: 900 });
    expect(times.backlogMoves.map(({ delta }) => delta)).toEqual([1, -1]);
  });

  it('counts a refused solution’s time as waiting, and the last solution as the solution', () => {
    // Given a ticket solved at +2 h, the solution refused at +5 h, solved again at +6 h
    const times = ticketTimes(through([2, 'new', 'solved'], [5, 'solved', 'assigned'], [6, 'assigned', 'solved']));
    // Then it was reopened once, waited 3 h (solved), and its solving time is 6 h less 3 h
    expect(times).toMatchObject({ reopenedAt: [new Date(Date.parse(opened.openedAt) + 5 * 3_600_000).toISOString()] });
    expect(times).toMatchObject({ waitingSeconds: 10_800, solveSeconds: 10_800, closedAt: null });
    expect(times.backlogMoves.map(({ delta }) => delta)).toEqual([1, -1, 1, -1]);
  });

  it('forgets the solution and the closing of a reopened closed ticket', () => {
    // Given a ticket solved, closed, then reopened
    const times = ticketTimes(through([1, 'new', 'solved'], [2, 'solved', 'closed'], [3, 'closed', 'assigned']));
    // Then it is neither solved nor closed, and its solved and closed time (2 h) was waiting
    expect(times).toMatchObject({ solvedAt: null, closedAt: null, solveSeconds: null, closeSeconds: null });
  });

  it('takes a ticket closed without a solution as solved at its closing', () => {
    const times = ticketTimes(through([3, 'new', 'closed']));
    expect(times).toMatchObject({ solveSeconds: 10_800, closeSeconds: 10_800, waitingSeconds: 0 });
  });
});
