import { DomainError, INSTANT_FORMAT, parseInstant } from '@itsm/domain';
import type { TaskFields } from '@itsm/contracts';

/** Field rules shared by opening and editing a ticket. */
export function ticketFieldsError(fields: { title?: string }): DomainError | undefined {
  if (fields.title !== undefined && !fields.title.trim()) return new DomainError('invalid', 'title must not be empty');
  return undefined;
}

export function taskError(task: TaskFields): DomainError | undefined {
  if (!task.content.trim()) return new DomainError('invalid', 'a task needs content');
  if (!Number.isInteger(task.durationMinutes) || task.durationMinutes < 0) {
    return new DomainError('invalid', 'durationMinutes must be a whole number of minutes, 0 or more');
  }
  if ((task.plannedBegin === null) !== (task.plannedEnd === null)) {
    return new DomainError('invalid', 'a planned task needs both plannedBegin and plannedEnd');
  }
  return task.plannedBegin === null || task.plannedEnd === null
    ? undefined
    : planningError(task.plannedBegin, task.plannedEnd);
}

/** Both ends real instants (Kafka and HTTP alike), the end not before the begin. */
function planningError(plannedBegin: string, plannedEnd: string): DomainError | undefined {
  const begin = parseInstant(plannedBegin);
  if (begin === null) return fieldError('plannedBegin', `plannedBegin must be ${INSTANT_FORMAT}`);
  const end = parseInstant(plannedEnd);
  if (end === null) return fieldError('plannedEnd', `plannedEnd must be ${INSTANT_FORMAT}`);
  return end < begin ? fieldError('plannedEnd', 'plannedEnd comes before plannedBegin') : undefined;
}

const fieldError = (field: string, message: string) =>
  new DomainError('invalid', message, { errors: [{ field, message }] });
