import { DomainError, INSTANT_FORMAT, instantText, parseInstant } from '@itsm/domain';
import type { TaskFields } from '@itsm/contracts';
import type { OpeningFacts } from './ticket.commands';

/** How far ahead of this service's clock the caller's may be: an opening date that much in the future is now. */
export const OPENING_CLOCK_SKEW_MS = 5 * 60_000;

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

/**
 * The ticket's opening date: now, or the date a technician gave (a call recorded afterwards),
 * neither in the future (beyond the clock skew allowed, then it is now) nor before its entity existed.
 */
export function openingDate(entityId: string, { asked, now, entityCreatedAt }: OpeningFacts): string | DomainError {
  if (asked === null) return now;
  const openedAt = parseInstant(asked);
  if (openedAt === null) return fieldError('openedAt', `openedAt must be ${INSTANT_FORMAT}`);
  if (openedAt > Date.parse(now) + OPENING_CLOCK_SKEW_MS) {
    return fieldError('openedAt', `openedAt ${asked} is in the future (it is ${now})`, 'rule');
  }
  // until the entity's creation has reached this service there is nothing to check the date against
  if (entityCreatedAt === null) {
    return fieldError(
      'openedAt',
      `openedAt cannot be checked yet: when entity ${entityId} was created is not known here`,
      'rule',
    );
  }
  if (openedAt < Date.parse(entityCreatedAt)) {
    const message = `openedAt ${asked} comes before entity ${entityId} existed (created ${entityCreatedAt})`;
    return fieldError('openedAt', message, 'rule');
  }
  return instantText(Math.min(openedAt, Date.parse(now)));
}

const fieldError = (field: string, message: string, code: 'invalid' | 'rule' = 'invalid') =>
  new DomainError(code, message, { errors: [{ field, message }] });
