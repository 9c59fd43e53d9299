import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { commandCatalogue } from './command-catalogue';
import { commandsAsyncApiDocument } from './commands-asyncapi';

// `npm run contracts` (UPDATE_CONTRACTS=1) regenerates docs/asyncapi-commands.yaml; a plain run fails when it is stale.
const update = process.env.UPDATE_CONTRACTS === '1';
const asyncApiFile = path.resolve(__dirname, '../../../../docs/asyncapi-commands.yaml');

describe('published command contracts', () => {
  it('has the checked-in AsyncAPI document generated from the catalogue', () => {
    const generated = stringify(commandsAsyncApiDocument(commandCatalogue), { aliasDuplicateObjects: false });
    if (update) fs.writeFileSync(asyncApiFile, generated);
    expect(fs.readFileSync(asyncApiFile, 'utf8')).toBe(generated);
  });

  it('names command types <aggregate>.<verb>, one entry per version', () => {
    for (const { commands } of commandCatalogue) {
      const keys = commands.map((command) => `${command.type}@v${command.schemaVersion}`);
      expect(new Set(keys).size).toBe(keys.length);
      for (const command of commands) expect(command.type).toMatch(/^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$/);
    }
  });
});
