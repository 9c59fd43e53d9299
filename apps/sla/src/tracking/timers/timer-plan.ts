import type { TicketSlaState } from '../ticket-sla.state';

/** One delayed job per (ticket, agreement, level); the id is deterministic so scheduling is idempotent. */
export interface LevelTimer {
  jobId: string;
  ticketId: string;
  slaId: string;
  levelId: string;
  dueAt: string;
}

// BullMQ refuses ":" in custom job ids
export const timerJobId = (ticketId: string, slaId: string, levelId: string): string =>
  `${ticketId}.${slaId}.${levelId}`;

/** The timers a ticket's deadlines need now, and those that must not run any more. */
export function timerPlan(state: TicketSlaState): { pending: LevelTimer[]; cancelled: string[] } {
  const pending: LevelTimer[] = [];
  const cancelled: string[] = [];
  if (!state.ticketId) return { pending, cancelled };
  for (const agreement of state.agreements) {
    for (const level of agreement.levels) {
      const jobId = timerJobId(state.ticketId, agreement.slaId, level.levelId);
      if (agreement.state === 'running' && !agreement.fired.includes(level.levelId)) {
        pending.push({
          jobId,
          ticketId: state.ticketId,
          slaId: agreement.slaId,
          levelId: level.levelId,
          dueAt: level.dueAt,
        });
      } else {
        cancelled.push(jobId);
      }
    }
  }
  return { pending, cancelled };
}
