import type { JsonSchema } from './json-schema';
import { breakingChanges } from './schema-compatibility';

const published: JsonSchema = {
  type: 'object',
  required: ['title', 'urgency'],
  properties: {
    title: { type: 'string', maxLength: 255 },
    urgency: { type: 'integer', minimum: 1, maximum: 5 },
    source: { type: 'string', enum: ['helpdesk', 'phone'] },
    tags: { type: 'array', items: { type: 'string' } },
  },
};

/** Schemas are read-only; a test patches an editable copy of the published one. */
type Editable<T> =
  T extends ReadonlyArray<infer Item>
    ? Editable<Item>[]
    : T extends object
      ? { -readonly [Key in keyof T]: Editable<T[Key]> }
      : T;
type EditableSchema = Editable<JsonSchema>;

const changed = (patch: (schema: EditableSchema) => void): JsonSchema => {
  const copy = structuredClone(published) as EditableSchema;
  patch(copy);
  return copy;
};

describe('breaking changes of a published schema', () => {
  it('accepts the same schema, a new description and a new optional property', () => {
    const compatible = changed((s) => {
      s.description = 'a ticket was opened';
      s.properties!.location = { type: 'string' };
    });
    expect(breakingChanges(published, compatible)).toEqual([]);
  });

  it.each([
    ['a removed property', (s: EditableSchema) => delete s.properties!.source, 'data.source: removed'],
    [
      'a retyped property',
      (s: EditableSchema) => (s.properties!.urgency = { type: 'string' }),
      'data.urgency: type "integer" became "string"',
    ],
    ['a newly required property', (s: EditableSchema) => s.required!.push('source'), 'data.source: newly required'],
    [
      'a property no longer required',
      (s: EditableSchema) => (s.required = ['title']),
      'data.urgency: no longer required',
    ],
    [
      'a new required property',
      (s: EditableSchema) => {
        s.properties!.entity = { type: 'string' };
        s.required!.push('entity');
      },
      'data.entity: added as required',
    ],
    ['a changed enum', (s: EditableSchema) => s.properties!.source.enum!.push('mail'), 'data.source: enum changed'],
    [
      'a retyped array item',
      (s: EditableSchema) => (s.properties!.tags.items = { type: 'integer' }),
      'data.tags[]: type "string" became "integer"',
    ],
    [
      'additional properties forbidden',
      (s: EditableSchema) => (s.additionalProperties = false),
      'data: additional properties now forbidden',
    ],
  ])('reports %s', (_name, patch, expected) => {
    expect(breakingChanges(published, changed(patch))).toContain(expected);
  });
});
