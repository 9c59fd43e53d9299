import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, type FieldError } from '@itsm/domain';

const MAX_LISTED_ERRORS = 20;

/**
 * DTOs whitelist their fields: an unknown field is refused, never silently stored. Every wrong
 * field is listed, by its path in the body (`items.0.id`).
 */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const all = errors.flatMap((error) => fieldErrors(error, ''));
      // a request wrong in a thousand ways is told the first few, not sent a thousand messages back
      const fields = all.slice(0, MAX_LISTED_ERRORS);
      const more = all.length > fields.length ? [`and ${all.length - fields.length} more`] : [];
      // as Nest words it: each constraint prefixed with the path of the object that holds the field
      const summary = [...fields.map(({ field, message }) => qualified(field, message)), ...more].join('; ');
      return new DomainError('invalid', summary || 'the request is invalid', { errors: fields });
    },
  });
}

function fieldErrors(error: ValidationError, parent: string): FieldError[] {
  const field = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
  return [...own, ...(error.children ?? []).flatMap((child) => fieldErrors(child, field))];
}

function qualified(field: string, message: string): string {
  const holder = field.split('.').slice(0, -1).join('.');
  return holder ? `${holder}.${message}` : message;
}
