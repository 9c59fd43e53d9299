import { definitionKey, eventCatalogue, latestVersions } from '@itsm/contracts';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** An event as a decider emits it. */
export interface EmittedEvent {
  type: string;
  data?: unknown;
}

const ajv = addFormats(new Ajv2020({ allErrors: true, allowUnionTypes: true }));
const latest = new Map(eventCatalogue.flatMap((context) => [...latestVersions(context)]));
const aggregates = new Set([...latest.keys()].map(aggregateOf));

/**
 * Why the event breaks the latest published schema of its type: each violation as `data/<path> <message>`;
 * empty when it fits. A type missing from the catalogue is a violation when its aggregate publishes others.
 */
export function publishedSchemaViolations(event: EmittedEvent): string[] {
  const definition = latest.get(event.type);
  if (!definition) {
    // the kernel's own tests drive aggregates that publish nothing; a service's aggregate is catalogued
    return aggregates.has(aggregateOf(event.type)) ? [`${event.type} is not in the event catalogue`] : [];
  }
  const validate = ajv.compile(definition.schema); // Ajv keeps what it compiled, by schema
  return validate(event.data) ? [] : (validate.errors ?? []).map(describe);
}

/** Throws, naming each event, its schema and every violation, unless every event fits its published schema. */
export function expectPublishable(events: EmittedEvent[], which: 'given' | 'emitted'): void {
  const problems = events.flatMap((event, index) => {
    const violations = publishedSchemaViolations(event);
    const definition = latest.get(event.type);
    const name = definition ? definitionKey(definition.type, definition.schemaVersion) : event.type;
    return violations.length === 0 ? [] : [`${which} event ${index} (${name}):\n    ${violations.join('\n    ')}`];
  });
  if (problems.length > 0) throw new Error(`events outside their published schema:\n  ${problems.join('\n  ')}`);
}

function describe(error: ErrorObject): string {
  const allowed = error.keyword === 'enum' ? ` (${JSON.stringify(error.params.allowedValues)})` : '';
  const extra = error.keyword === 'additionalProperties' ? ` (${error.params.additionalProperty})` : '';
  return `data${error.instancePath} ${error.message}${allowed}${extra}`;
}

function aggregateOf(type: string): string {
  return type.slice(0, type.indexOf('.'));
}
