import { DomainError, type Decider, type FieldError } from '@itsm/domain';
import type { AgreementTerms, CalendarDefinition, SlaDefined } from '@itsm/contracts';
import { beyondHorizon } from '../calendar/domain/deadline-horizon';

export type AgreementCommand = {
  type: 'define-agreement';
  slaId: string;
  entityId: string;
  recursive: boolean;
  terms: AgreementTerms;
  /** the calendar `terms.calendarId` names; null for 24/7 or the ticket entity's calendar */
  calendar: CalendarDefinition | null;
  /** the agreement must end within this many days when started `now` on its calendar */
  horizonDays: number;
  now: string;
};

export interface AgreementState {
  slaId: string | null;
}

const MINUTES_PER_UNIT = { minutes: 1, hours: 60, days: 24 * 60 } as const;
const MAX_MINUTES = 366 * 24 * 60;

function termProblems({ terms, calendar, horizonDays, now }: AgreementCommand): FieldError[] {
  const { name, duration, unit, levels } = terms;
  const problems: FieldError[] = [];
  if (name.trim() === '') problems.push({ field: 'name', message: 'the agreement needs a name' });
  const minutes = duration * MINUTES_PER_UNIT[unit];
  if (!Number.isInteger(duration) || duration < 1) {
    problems.push({ field: 'duration', message: 'duration must be a whole number, 1 or more' });
  } else if (minutes > MAX_MINUTES) {
    problems.push({ field: 'duration', message: 'duration must not exceed a year' });
  } else if (calendar) {
    const beyond = beyondHorizon(calendar, terms, new Date(now), horizonDays);
    if (beyond) problems.push({ field: 'duration', message: beyond });
  }
  const offsets = new Set<number>();
  levels.forEach((level, index) => {
    const field = `levels.${index}.offsetMinutes`;
    if (offsets.has(level.offsetMinutes))
      problems.push({ field, message: `two levels run at ${level.offsetMinutes} minutes` });
    offsets.add(level.offsetMinutes);
    // GLPI caps "before the deadline" at the agreement's own length: earlier would precede the ticket
    if (level.offsetMinutes < -minutes)
      problems.push({ field, message: `level ${level.name} runs before the clock starts` });
  });
  return problems;
}

function decide(command: AgreementCommand, state: AgreementState): SlaDefined[] | DomainError {
  if (state.slaId !== null) return new DomainError('conflict', `agreement ${command.slaId} already exists`);
  const problems = termProblems(command);
  if (problems.length > 0) {
    return new DomainError('rule', problems.map(({ message }) => message).join('; '), { errors: problems });
  }
  const { slaId, entityId, recursive, terms } = command;
  return [{ type: 'sla.defined', data: { slaId, entityId, recursive, ...terms, name: terms.name.trim() } }];
}

export const agreementDecider: Decider<AgreementCommand, SlaDefined, AgreementState> = {
  initialState: () => ({ slaId: null }),
  decide,
  evolve: (state, event) => ({ ...state, slaId: event.data.slaId }),
  stateVersion: 1,
};

export const agreementStreamId = (slaId: string): string => `sla-${slaId}`;
