import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { asyncApiDocument } from './asyncapi';
import { definitionKey, type EventDefinition } from './event-definition';
import { eventCatalogue, upcasters } from './registry';
import { breakingChanges } from './schema-compatibility';

// `npm run contracts` (UPDATE_CONTRACTS=1) regenerates docs/asyncapi.yaml and records newly
// published versions in published.json; a plain run fails when either is stale or broken.
const update = process.env.UPDATE_CONTRACTS === '1';
const asyncApiFile = path.resolve(__dirname, '../../../docs/asyncapi.yaml');
const publishedFile = path.resolve(__dirname, '../published.json');
const definitions = eventCatalogue.flatMap((context) => context.events);

type Published = Record<string, EventDefinition>;

describe('published event contracts', () => {
  it('has the checked-in AsyncAPI document generated from the catalogue', () => {
    const generated = stringify(asyncApiDocument(eventCatalogue), { aliasDuplicateObjects: false });
    if (update) fs.writeFileSync(asyncApiFile, generated);
    expect(fs.readFileSync(asyncApiFile, 'utf8')).toBe(generated);
  });

  it('never changes a published schema version incompatibly nor drops it', () => {
    const published: Published = fs.existsSync(publishedFile) ? JSON.parse(fs.readFileSync(publishedFile, 'utf8')) : {};
    const current = new Map(
      definitions.map((definition) => [definitionKey(definition.type, definition.schemaVersion), definition]),
    );
    const problems = Object.entries(published).flatMap(([key, before]) => {
      const now = current.get(key);
      if (!now) return [`${key}: published, now missing from the catalogue`];
      return breakingChanges(before.schema, now.schema).map((change) => `${key}: ${change}`);
    });
    expect(problems).toEqual([]);
    if (update) {
      const merged = { ...Object.fromEntries(current), ...published };
      fs.writeFileSync(publishedFile, `${JSON.stringify(merged, null, 2)}\n`);
    }
    expect(Object.keys(published).sort()).toEqual([...current.keys()].sort());
  });

  it('names types <aggregate>.<past-tense-verb>, numbers versions from 1 and upcasts every old one', () => {
    const versionsByType = new Map<string, number[]>();
    for (const { type, schemaVersion } of definitions) {
      expect(type).toMatch(/^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$/);
      versionsByType.set(type, [...(versionsByType.get(type) ?? []), schemaVersion]);
    }
    for (const [type, versions] of versionsByType) {
      const sorted = [...versions].sort((a, b) => a - b);
      expect(sorted).toEqual(sorted.map((_, index) => index + 1));
      for (const version of sorted.slice(0, -1)) expect(upcasters.has(definitionKey(type, version))).toBe(true);
    }
  });
});
