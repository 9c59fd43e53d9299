import type { TicketStatus } from '@itsm/contracts';
import type { OpenedTicket } from './ticket-record';

const DONE: ReadonlySet<TicketStatus> = new Set(['solved', 'closed']);

/** Milliseconds elapsed between two instants (epoch ms): on the wall clock, or while a calendar is open. */
export type Measure = (from: number, to: number) => number;

export const wallClock: Measure = (from, to) => to - from;

/** The durations GLPI keeps for its statistics, in whole seconds of one measure. */
export interface TicketDurations {
  /** takeintoaccount_delay_stat */
  ownSeconds: number | null;
  /** solve_delay_stat: opening to solution, less the waiting before it */
  solveSeconds: number | null;
  /** close_delay_stat: opening to closing, less the waiting before it */
  closeSeconds: number | null;
  /** waiting_duration at the solution: pending, and solved periods that ended in a reopening */
  waitingSeconds: number | null;
}

/** When the ticket met its milestones, and its durations in whole seconds of wall time. */
export interface TicketTimes extends TicketDurations {
  /** GLPI's solvedate: the last solution, while the ticket is solved or closed */
  solvedAt: string | null;
  closedAt: string | null;
  reopenedAt: string[];
  /** +1 when it opens or is reopened, -1 when it is solved or closed: the open tickets' count moves */
  backlogMoves: Array<{ at: string; delta: number }>;
  /** the same durations in another measure (business time on a calendar) */
  durationsIn(own: Measure, resolution: Measure): TicketDurations;
}

/** A wait runs from Pending or Solved until the ticket leaves Pending, or leaves Solved or Closed for work. */
const endsWait = (from: TicketStatus, to: TicketStatus) =>
  from === 'pending' || (from === 'solved' && to !== 'closed') || (from === 'closed' && to !== 'closed');

/** A milestone, with how many of the ended waits came before it. */
interface Milestone {
  at: string;
  waits: number;
}

/**
 * GLPI's statistics dates and delays (CommonITILObject, "come back from waiting"): in wall time,
 * and in any other measure through `durationsIn` (GLPI counts the calendar's open time when one applies).
 */
export function ticketTimes(ticket: OpenedTicket): TicketTimes {
  const waits: Array<[number, number]> = [];
  let waitSince: number | null = null;
  let solved: Milestone | null = null;
  let closed: Milestone | null = null;
  const reopenedAt: string[] = [];
  const backlogMoves = [{ at: ticket.openedAt, delta: 1 }];
  for (const { at, from, to } of ticket.statusChanges) {
    const instant = Date.parse(at);
    if (waitSince !== null && endsWait(from, to)) {
      waits.push([waitSince, instant]);
      waitSince = null;
    }
    if (waitSince === null && (to === 'pending' || to === 'solved')) waitSince = instant;
    if (DONE.has(from) && !DONE.has(to)) {
      reopenedAt.push(at);
      backlogMoves.push({ at, delta: 1 });
      solved = closed = null;
    }
    if (!DONE.has(from) && DONE.has(to)) backlogMoves.push({ at, delta: -1 });
    if (to === 'solved' || (to === 'closed' && !solved)) solved = { at, waits: waits.length };
    if (to === 'closed') closed = { at, waits: waits.length };
  }
  const opened = Date.parse(ticket.openedAt);
  const durationsIn = (own: Measure, resolution: Measure): TicketDurations => {
    const waited = (milestone: Milestone) =>
      waits.slice(0, milestone.waits).reduce((total, [from, to]) => total + resolution(from, to), 0);
    const delay = (milestone: Milestone | null) =>
      milestone && seconds(resolution(opened, Date.parse(milestone.at)) - waited(milestone));
    const taken = ticket.takenIntoAccountAt;
    return {
      ownSeconds: taken === null ? null : seconds(own(opened, Date.parse(taken))),
      solveSeconds: delay(solved),
      closeSeconds: delay(closed),
      waitingSeconds: solved && seconds(waited(solved)),
    };
  };
  return {
    solvedAt: solved?.at ?? null,
    closedAt: closed?.at ?? null,
    reopenedAt,
    backlogMoves,
    ...durationsIn(wallClock, wallClock),
    durationsIn,
  };
}

const seconds = (ms: number) => Math.max(0, Math.floor(ms / 1000));
