import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { DomainError, type FieldError } from '@itsm/domain';
import { getMetadataStorage } from 'class-validator';

const MAX_LISTED_ERRORS = 20;

/**
 * DTOs whitelist their fields: an unknown field is refused, never silently stored. Every wrong
 * field is listed, by its path in the body (`items.0.id`), the first few of them only.
 */
export function validationPipe(): ValidationPipe {
  return new WhitelistFirstValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => refusal(errors.flatMap((error) => fieldErrors(error, ''))),
  });
}

/**
 * More unknown top-level fields than a refusal lists are refused before class-transformer and
 * class-validator see the value: they would build an error for each of thousands of keys (118 ms
 * for 5,000), all of it for a refusal that lists the first few. A few unknown fields are listed
 * with every other wrong field, as validation finds them.
 */
class WhitelistFirstValidationPipe extends ValidationPipe {
  private readonly known = new WeakMap<object, Set<string>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const fields = metadata.metatype && this.fieldsOf(metadata.metatype);
    if (fields && fields.size > 0 && isPlainObject(value) && (metadata.type === 'body' || metadata.type === 'query')) {
      const unknown = Object.keys(value).filter((key) => !fields.has(key));
      if (unknown.length > MAX_LISTED_ERRORS) {
        throw refusal(unknown.map((field) => ({ field, message: `property ${field} should not exist` })));
      }
    }
    return super.transform(value, metadata);
  }

  /** The properties a DTO class validates (its parents' included): what the whitelist lets through. */
  private fieldsOf(metatype: abstract new (...args: never[]) => unknown): Set<string> {
    let fields = this.known.get(metatype);
    if (!fields) {
      const rules = getMetadataStorage().getTargetValidationMetadatas(metatype, '', true, false);
      fields = new Set(rules.map((rule) => rule.propertyName));
      this.known.set(metatype, fields);
    }
    return fields;
  }
}

/** A request wrong in a thousand ways is told the first few, not sent a thousand messages back. */
function refusal(all: FieldError[]): DomainError {
  const fields = all.slice(0, MAX_LISTED_ERRORS);
  const more = all.length > fields.length ? [`and ${all.length - fields.length} more`] : [];
  // as Nest words it: each constraint prefixed with the path of the object that holds the field
  const summary = [...fields.map(({ field, message }) => qualified(field, message)), ...more].join('; ');
  return new DomainError('invalid', summary || 'the request is invalid', { errors: fields });
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

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
