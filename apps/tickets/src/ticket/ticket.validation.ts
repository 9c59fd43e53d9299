import { DomainError } from '@itsm/domain';
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
  if (task.plannedBegin && task.plannedEnd && Date.parse(task.plannedEnd) < Date.parse(task.plannedBegin)) {
    return new DomainError('invalid', 'plannedEnd comes before plannedBegin');
  }
  return undefined;
}
