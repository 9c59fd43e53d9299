import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { definitionKey } from '../event-definition';
import { breakingChanges } from '../schema-compatibility';
import { commandCatalogue } from './command-catalogue';
import type { CommandDefinition } from './command-definition';
import { commandsAsyncApiDocument } from './commands-asyncapi';

// `npm run contracts` (UPDATE_CONTRACTS=1) regenerates docs/asyncapi-commands.yaml and records new
// command versions in published-commands.json; a plain run fails when either is stale or broken.
const update = process.env.UPDATE_CONTRACTS === '1';
const asyncApiFile = path.resolve(__dirname, '../../../../docs/asyncapi-commands.yaml');
const publishedFile = path.resolve(__dirname, '../../published-commands.json');
const definitions = commandCatalogue.flatMap(({ service, commands }) =>
  commands.map((command) => [`${service}:${definitionKey(command.type, command.schemaVersion)}`, command] as const),
);

describe('published command contracts', () => {
  it('has the checked-in AsyncAPI document generated from the catalogue', () => {
    const generated = stringify(commandsAsyncApiDocument(commandCatalogue), { aliasDuplicateObjects: false });
    if (update) fs.writeFileSync(asyncApiFile, generated);
    expect(fs.readFileSync(asyncApiFile, 'utf8')).toBe(generated);
  });

  // senders of a published version keep sending it: a field they send must stay accepted as it was
  it('never changes a published command version incompatibly nor drops it', () => {
    const published: Record<string, CommandDefinition> = fs.existsSync(publishedFile)
      ? JSON.parse(fs.readFileSync(publishedFile, 'utf8'))
      : {};
    const current = new Map<string, CommandDefinition>(definitions);
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

  it('names command types <aggregate>.<verb> and numbers each type’s versions from 1', () => {
    const versionsByType = new Map<string, number[]>();
    for (const [, { type, schemaVersion }] of definitions) {
      expect(type).toMatch(/^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$/);
      versionsByType.set(type, [...(versionsByType.get(type) ?? []), schemaVersion]);
    }
    for (const versions of versionsByType.values()) {
      const sorted = [...versions].sort((a, b) => a - b);
      expect(sorted).toEqual(sorted.map((_, index) => index + 1));
    }
  });
});
