import { DomainError, type Decider, type FieldError } from '@itsm/domain';
import type { AgreementEvent, AgreementTerms, CalendarDefinition } from '@itsm/contracts';
import { beyondHorizon } from '../calendar/domain/deadline-horizon';

interface TermsCheck {
  slaId: string;
  terms: AgreementTerms;
  /** the calendar `terms.calendarId` names; null for 24/7 or the ticket entity's calendar */
  calendar: CalendarDefinition | null;
  /** the agreement must end within this many days when started `now` on its calendar */
  horizonDays: number;
  now: string;
}

/**
 * Define an agreement, or change the terms of one (its type and kind stay: rules give at most one
 * agreement per type x kind, and count on them).
 */
export type AgreementCommand =
  | ({ type: 'define-agreement'; entityId: string; recursive: boolean } & TermsCheck)
  | ({ type: 'change-agreement' } & TermsCheck)
  | { type: 'delete-agreement'; slaId: string };

type TermsCommand = Exclude<AgreementCommand, { type: 'delete-agreement' }>;

export interface AgreementState {
  slaId: string | null;
  agreement: AgreementTerms['agreement'] | null;
  kind: AgreementTerms['kind'] | null;
  /** a deleted agreement is gone for its owners (404); its id stays taken */
  deleted: boolean;
}

const MINUTES_PER_UNIT = { minutes: 1, hours: 60, days: 24 * 60 } as const;
const MAX_MINUTES = 366 * 24 * 60;

function termProblems({ terms, calendar, horizonDays, now }: TermsCommand): FieldError[] {
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

function termsRefusal(command: TermsCommand): DomainError | null {
  const problems = termProblems(command);
  if (problems.length === 0) return null;
  return new DomainError('rule', problems.map(({ message }) => message).join('; '), { errors: problems });
}

/** A change that would turn the agreement into another type or kind: refused, naming the field. */
function fixedFieldRefusal(command: TermsCommand, state: AgreementState): DomainError | null {
  for (const field of ['agreement', 'kind'] as const) {
    if (command.terms[field] !== state[field]) {
      const message = `an agreement's ${field} cannot change (${state[field]}): define another agreement`;
      return new DomainError('rule', message, { errors: [{ field, message }] });
    }
  }
  return null;
}

function decide(command: AgreementCommand, state: AgreementState): AgreementEvent[] | DomainError {
  const { slaId } = command;
  if (command.type === 'define-agreement') {
    if (state.slaId !== null) return new DomainError('conflict', `agreement ${slaId} already exists`);
    const refusal = termsRefusal(command);
    if (refusal) return refusal;
    const { entityId, recursive, terms } = command;
    return [{ type: 'sla.defined', data: { slaId, entityId, recursive, ...terms, name: terms.name.trim() } }];
  }
  if (state.slaId === null || state.deleted) return new DomainError('not_found', `unknown agreement ${slaId}`);
  if (command.type === 'delete-agreement') return [{ type: 'sla.deleted', data: { slaId } }];
  const { terms } = command;
  const refusal = fixedFieldRefusal(command, state) ?? termsRefusal(command);
  if (refusal) return refusal;
  const { agreement: _agreement, kind: _kind, ...changed } = terms;
  return [{ type: 'sla.changed', data: { slaId, ...changed, name: terms.name.trim() } }];
}

export const agreementDecider: Decider<AgreementCommand, AgreementEvent, AgreementState> = {
  initialState: () => ({ slaId: null, agreement: null, kind: null, deleted: false }),
  decide,
  evolve: (state, event) => {
    if (event.type === 'sla.defined') {
      return { slaId: event.data.slaId, agreement: event.data.agreement, kind: event.data.kind, deleted: false };
    }
    return event.type === 'sla.deleted' ? { ...state, deleted: true } : state;
  },
  stateVersion: 3,
};

export const agreementStreamId = (slaId: string): string => `sla-${slaId}`;
