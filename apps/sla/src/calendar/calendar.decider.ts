import { DomainError, type Decider } from '@itsm/domain';
import type { CalendarDefinition, CalendarEvent } from '@itsm/contracts';
import { calendarProblems } from './domain/calendar-rules';

export type CalendarCommand =
  | {
      type: 'create-calendar';
      calendarId: string;
      entityId: string;
      recursive: boolean;
      definition: CalendarDefinition;
    }
  | { type: 'change-calendar'; calendarId: string; definition: CalendarDefinition };

export interface CalendarState {
  calendarId: string | null;
}

function decide(command: CalendarCommand, state: CalendarState): CalendarEvent[] | DomainError {
  const problems = calendarProblems(command.definition);
  if (problems.length > 0) return new DomainError('rule', problems.join('; '));
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
