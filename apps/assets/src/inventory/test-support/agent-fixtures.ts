import fs from 'node:fs';
import path from 'node:path';

// The real agents' bodies the inventory tests and the bench read (see ../fixtures/README.md).
const fixtures = path.join(__dirname, '..', 'fixtures');
const read = (name: string): string => fs.readFileSync(path.join(fixtures, name), 'utf8');

export const fusionInventoryProlog = (): string => read('fusioninventory-2.6-prolog.xml');
export const fusionInventoryInventory = (): string => read('fusioninventory-2.6-debian12.xml');
export const glpiAgentExample = (): Record<string, unknown> =>
  JSON.parse(read('inventory-format/computer_1.excerpt.json')) as Record<string, unknown>;
