import { calendarProblems, DomainError, type Decider, type FieldError } from '@itsm/domain';
import type { CalendarDefinition, CalendarEvent } from '@itsm/contracts';
import type { CalendarLimits } from './domain/calendar-limits';
import { beyondHorizon, type AgreementLength } from './domain/deadline-horizon';

export type CalendarCommand =
  | {
      type: 'create-calendar';
      calendarId: string;
      entityId: string;
      recursive: boolean;
      definition: CalendarDefinition;
      limits: CalendarLimits;
    }
  | {
      type: 'change-calendar';
      calendarId: string;
      definition: CalendarDefinition;
      limits: CalendarLimits;
      /** the agreements that name this calendar: each must still end within the horizon */
      agreements: AgreementLength[];
      now: string;
    };

export interface CalendarState {
  calendarId: string | null;
}

function problemsOf(command: CalendarCommand): FieldError[] {
  const { definition, limits } = command;
  const problems = calendarProblems(definition, limits.minWeeklyOpenMinutes);
  if (problems.length > 0 || command.type === 'create-calendar') return problems;
  return command.agreements.flatMap((agreement) => {
    const message = beyondHorizon(definition, agreement, new Date(command.now), limits.horizonDays);
    return message ? [{ field: 'openingHours', message }] : [];
  });
}

function decide(command: CalendarCommand, state: CalendarState): CalendarEvent[] | DomainError {
  const problems = problemsOf(command);
  if (problems.length > 0) {
    return new DomainError('rule', problems.map(({ message }) => message).join('; '), { errors: problems });
  }
  if (command.type === 'create-calendar') {
    if (state.calendarId !== null) return new DomainError('conflict', `calendar ${command.calendarId} already exists`);
    const { calendarId, entityId, recursive, definition } = command;
    return [{ type: 'calendar.created', data: { calendarId, entityId, recursive, ...definition } }];
  }
  if (state.calendarId === null) return new DomainError('not_found', `unknown calendar ${command.calendarId}`);
  return [{ type: 'calendar.changed', data: { calendarId: command.calendarId, ...command.definition } }];
}

export const calendarDecider: Decider<CalendarCommand, CalendarEvent, CalendarState> = {
  initialState: () => ({ calendarId: null }),
  decide,
  evolve: (state, event) => ({ ...state, calendarId: event.data.calendarId }),
  stateVersion: 1,
};

export const calendarStreamId = (calendarId: string): string => `calendar-${calendarId}`;
