import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type { DomainEvent } from './envelope';
import type { JsonSchema } from './json-schema';

/** One published version of one event type: its JSON Schema is the contract, its type derives from it. */
export interface EventDefinition<Type extends string = string, Schema extends JsonSchema = JsonSchema> {
  /** bounded context that publishes it: its topic is `itsm.<context>.events` */
  context: string;
  type: Type;
  schemaVersion: number;
  description: string;
  /** JSON Schema of `data` */
  schema: Schema;
}

/** The event a definition declares, `data` typed from its schema (json-schema-to-ts). */
export type EventOf<Definition extends EventDefinition> = Definition['schema'] extends JSONSchema
  ? DomainEvent<Definition['type'], FromSchema<Definition['schema']>>
  : never;

/** Declares one version of a context's event type; the schema keeps its literal type for `EventOf`. */
export const eventVersion =
  (context: string, schemaVersion: number) =>
  <const Type extends string, const Schema extends JsonSchema & JSONSchema>(
    type: Type,
    description: string,
    schema: Schema,
  ): EventDefinition<Type, Schema> => ({ context, type, schemaVersion, description, schema });

/** A context's event types, every published version listed (old ones stay, with an upcaster). */
export interface ContextEvents {
  context: string;
  description: string;
  events: EventDefinition[];
}

export const topicFor = (context: string, prefix = ''): string => `${prefix}itsm.${context}.events`;
export const deadLetterTopicFor = (topic: string): string => `${topic}.dlq`;

export const definitionKey = (type: string, schemaVersion: number): string => `${type}@v${schemaVersion}`;

/** The newest version of each type of a context. */
export function latestVersions(context: ContextEvents): Map<string, EventDefinition> {
  const latest = new Map<string, EventDefinition>();
  for (const definition of context.events) {
    const known = latest.get(definition.type);
    if (!known || known.schemaVersion < definition.schemaVersion) latest.set(definition.type, definition);
  }
  return latest;
}
