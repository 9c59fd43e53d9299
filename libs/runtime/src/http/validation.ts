import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, type FieldError } from '@itsm/domain';

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
      const fields = errors.flatMap((error) => fieldErrors(error, ''));
      // as Nest words it: each constraint prefixed with the path of the object that holds the field
      const summary = fields.map(({ field, message }) => qualified(field, message)).join('; ');
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
