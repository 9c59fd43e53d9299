import type { JsonSchema } from './json-schema';

/** One published version of one event type. */
export interface EventDefinition<Type extends string = string> {
  /** bounded context that publishes it: its topic is `itsm.<context>.events` */
  context: string;
  type: Type;
  schemaVersion: number;
  description: string;
  /** JSON Schema of `data` */
  schema: JsonSchema;
}

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
