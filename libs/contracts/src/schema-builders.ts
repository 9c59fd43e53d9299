import type { JSONSchema } from 'json-schema-to-ts';

// Builders of the event schemas' recurring parts. Each returns its schema `as const`, so that
// json-schema-to-ts infers the event's TypeScript type from the schema itself.

type Properties = Record<string, JSONSchema>;

export const id = (description: string) => ({ type: 'string', minLength: 1, maxLength: 64, description }) as const;

export const text = (description: string, maxLength = 255) => ({ type: 'string', maxLength, description }) as const;

export const nullableText = (description: string, maxLength = 255) =>
  ({ type: ['string', 'null'], maxLength, description }) as const;

export const nullableId = (description: string) => nullableText(description, 64);

export const flag = (description: string) => ({ type: 'boolean', description }) as const;

export const choice = <const Values extends readonly string[]>(values: Values, description: string) =>
  ({ type: 'string', enum: values, description }) as const;

export const instant = (description: string) => ({ type: 'string', format: 'date-time', description }) as const;

export const nullableInstant = (description: string) =>
  ({ type: ['string', 'null'], format: 'date-time', description }) as const;

export const list = <const Items extends JSONSchema>(items: Items, description: string) =>
  ({ type: 'array', items, description }) as const;

/** An object whose properties are all required, and no other. */
export const object = <const P extends Properties>(properties: P) =>
  ({
    type: 'object',
    properties,
    required: Object.keys(properties) as Array<keyof P & string>,
    additionalProperties: false,
  }) as const;

/** An object whose properties are only those listed required, others optional, and no other. */
export const partialObject = <const P extends Properties, const R extends ReadonlyArray<keyof P & string>>(
  properties: P,
  required: R,
) => ({ type: 'object', properties, required, additionalProperties: false }) as const;
