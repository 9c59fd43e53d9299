import type { CalendarDefinition, EscalationLevel, ScheduledLevel } from '@itsm/contracts';
import { addAgreementDuration, addBusinessTime, businessTimeBetween } from '@itsm/domain';
import type { ResolvedAgreement } from './ticket-sla.commands';

const MINUTE_MS = 60_000;

/** Every agreement breaches at its deadline, even when its definition names no level at 0. */
export const DEADLINE_LEVEL: EscalationLevel = { levelId: 'deadline', name: 'Deadline', offsetMinutes: 0, actions: [] };

export function levelsOf(terms: { levels: EscalationLevel[] }): EscalationLevel[] {
  const levels = terms.levels.some((level) => level.offsetMinutes === 0)
    ? terms.levels
    : [...terms.levels, DEADLINE_LEVEL];
  return [...levels].sort((a, b) => a.offsetMinutes - b.offsetMinutes);
}

/**
 * Levels run at wall-clock offsets from the deadline: a "+2 h escalate" after a 17:00 deadline
 * runs at 19:00 even when the service desk is closed, which is what an on-call escalation wants.
 */
export function scheduleLevels(levels: Array<Omit<ScheduledLevel, 'dueAt'>>, deadline: string): ScheduledLevel[] {
  const base = Date.parse(deadline);
  return levels.map(({ levelId, name, offsetMinutes }) => ({
    levelId,
    name,
    offsetMinutes,
    dueAt: new Date(base + offsetMinutes * MINUTE_MS).toISOString(),
  }));
}

/**
 * The deadline of an agreement whose clock starts at `startedAt`. One that would fall more than
 * `horizonDays` later (a calendar changed to open very little, an entity's calendar too sparse for
 * a long agreement) is set at the horizon: the ticket keeps its agreement and breaches then.
 */
export function deadlineOf(resolved: ResolvedAgreement, startedAt: string, horizonDays: number): string {
  const { duration, unit } = resolved.terms;
  return addAgreementDuration(resolved.calendar, new Date(startedAt), duration, unit, horizonDays).toISOString();
}

/** Business time between a stop and a restart, and the deadline moved out by it (at most `horizonDays`). */
export function postpone(
  calendar: CalendarDefinition | null,
  deadline: string,
  stoppedAt: string,
  restartedAt: string,
  horizonDays: number,
): { deadline: string; pausedMs: number } {
  const pausedMs = businessTimeBetween(calendar, new Date(stoppedAt), new Date(restartedAt));
  return { deadline: addBusinessTime(calendar, new Date(deadline), pausedMs, horizonDays).toISOString(), pausedMs };
}
