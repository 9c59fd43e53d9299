import type { TicketStatus } from '@itsm/contracts';
import type { OpenedTicket } from './ticket-record';

const DONE: ReadonlySet<TicketStatus> = new Set(['solved', 'closed']);

/** When the ticket met its milestones, and its durations in whole seconds of wall time. */
export interface TicketTimes {
  /** GLPI's solvedate: the last solution, while the ticket is solved or closed */
  solvedAt: string | null;
  closedAt: string | null;
  reopenedAt: string[];
  /** +1 when it opens or is reopened, -1 when it is solved or closed: the open tickets' count moves */
  backlogMoves: Array<{ at: string; delta: number }>;
  /** takeintoaccount_delay_stat */
  ownSeconds: number | null;
  /** solve_delay_stat: opening to solution, less the waiting before it */
  solveSeconds: number | null;
  /** close_delay_stat: opening to closing, less the waiting before it */
  closeSeconds: number | null;
  /** waiting_duration at the solution: pending, and solved periods that ended in a reopening */
  waitingSeconds: number | null;
}

const seconds = (from: string, to: string, less = 0) =>
  Math.max(0, Math.floor((Date.parse(to) - Date.parse(from) - less) / 1000));

/** A wait runs from Pending or Solved until the ticket leaves Pending, or leaves Solved or Closed for work. */
const endsWait = (from: TicketStatus, to: TicketStatus) =>
  from === 'pending' || (from === 'solved' && to !== 'closed') || (from === 'closed' && to !== 'closed');

/** GLPI's statistics dates and delays (CommonITILObject, "come back from waiting"), in wall time. */
export function ticketTimes(ticket: OpenedTicket): TicketTimes {
  let waitingMs = 0;
  let waitSince: number | null = null;
  let solved: { at: string; waitingMs: number } | null = null;
  let closed: { at: string; waitingMs: number } | null = null;
  const reopenedAt: string[] = [];
  const backlogMoves = [{ at: ticket.openedAt, delta: 1 }];
  for (const { at, from, to } of ticket.statusChanges) {
    const instant = Date.parse(at);
    if (waitSince !== null && endsWait(from, to)) {
      waitingMs += instant - waitSince;
      waitSince = null;
    }
    if (waitSince === null && (to === 'pending' || to === 'solved')) waitSince = instant;
    if (DONE.has(from) && !DONE.has(to)) {
      reopenedAt.push(at);
      backlogMoves.push({ at, delta: 1 });
      solved = closed = null;
    }
    if (!DONE.has(from) && DONE.has(to)) backlogMoves.push({ at, delta: -1 });
    if (to === 'solved' || (to === 'closed' && !solved)) solved = { at, waitingMs };
    if (to === 'closed') closed = { at, waitingMs };
  }
  const { openedAt, takenIntoAccountAt } = ticket;
  return {
    solvedAt: solved?.at ?? null,
    closedAt: closed?.at ?? null,
    reopenedAt,
    backlogMoves,
    ownSeconds: takenIntoAccountAt === null ? null : seconds(openedAt, takenIntoAccountAt),
    solveSeconds: solved && seconds(openedAt, solved.at, solved.waitingMs),
    closeSeconds: closed && seconds(openedAt, closed.at, closed.waitingMs),
    waitingSeconds: solved && Math.floor(solved.waitingMs / 1000),
  };
}
