import type { JsonSchema } from './json-schema';

/**
 * Lists the changes that break readers or writers of an already published schema version:
 * a removed or retyped property, a property newly required or no longer required, a changed enum
 * or format, a property added where additional properties were forbidden. Descriptions and new
 * optional properties are compatible.
 */
export function breakingChanges(published: JsonSchema, current: JsonSchema, path = 'data'): string[] {
  const changes: string[] = [];
  if (JSON.stringify(published.type) !== JSON.stringify(current.type)) {
    changes.push(`${path}: type ${JSON.stringify(published.type)} became ${JSON.stringify(current.type)}`);
  }
  for (const keyword of [
    'enum',
    'format',
    'pattern',
    'minimum',
    'maximum',
    'minLength',
    'maxLength',
    '$ref',
  ] as const) {
    if (JSON.stringify(published[keyword]) !== JSON.stringify(current[keyword])) {
      changes.push(`${path}: ${keyword} changed`);
    }
  }
  changes.push(...propertyChanges(published, current, path));
  if (published.items && current.items) changes.push(...breakingChanges(published.items, current.items, `${path}[]`));
  else if (published.items || current.items) changes.push(`${path}: items changed`);
  return changes;
}

function propertyChanges(published: JsonSchema, current: JsonSchema, path: string): string[] {
  const changes: string[] = [];
  const before = published.properties ?? {};
  const after = current.properties ?? {};
  const requiredBefore = new Set(published.required ?? []);
  const requiredAfter = new Set(current.required ?? []);
  for (const [name, schema] of Object.entries(before)) {
    if (!after[name]) changes.push(`${path}.${name}: removed`);
    else changes.push(...breakingChanges(schema, after[name], `${path}.${name}`));
    if (requiredBefore.has(name) !== requiredAfter.has(name)) {
      changes.push(`${path}.${name}: ${requiredBefore.has(name) ? 'no longer required' : 'newly required'}`);
    }
  }
  for (const name of Object.keys(after).filter((key) => !before[key])) {
    if (requiredAfter.has(name)) changes.push(`${path}.${name}: added as required`);
    else if (published.additionalProperties === false) changes.push(`${path}.${name}: added where none were allowed`);
  }
  if (published.additionalProperties !== false && current.additionalProperties === false) {
    changes.push(`${path}: additional properties now forbidden`);
  }
  return changes;
}
