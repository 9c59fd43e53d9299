import { emptyComposition, type NormalisedInventory } from './inventory.model';
import { defaultImportRules, entityFor, inRange, lookupsFor } from './import-rules';

const inventory = (fields: NormalisedInventory['fields'], macs: string[] = []): NormalisedInventory => ({
  deviceId: 'pc-1',
  format: 'fusioninventory-xml',
  agentVersion: null,
  tag: 'paris',
  fields,
  macs,
  composition: {
    ...emptyComposition(),
    networkPorts: [{ name: 'eth0', mac: macs[0], virtual: false, addresses: ['10.1.2.3'] }],
  },
});

describe('import rules', () => {
  it('tries GLPI’s order, skipping the rules whose criteria the inventory lacks', () => {
    const lookups = lookupsFor(
      inventory({ serial: 'S1', uuid: 'u-1', name: 'pc' }, ['aa:bb:cc:dd:ee:ff']),
      defaultImportRules,
    );
    expect(lookups).toEqual([
      { rule: 'Serial number and UUID', serial: 'S1', uuid: 'u-1' },
      { rule: 'Serial number', serial: 'S1' },
      { rule: 'UUID', uuid: 'u-1' },
      { rule: 'MAC address', macs: ['aa:bb:cc:dd:ee:ff'] },
      { rule: 'Name', name: 'pc' },
    ]);
    expect(lookupsFor(inventory({ name: 'pc' }), defaultImportRules)).toEqual([{ rule: 'Name', name: 'pc' }]);
  });
});

describe('entity rules', () => {
  const rules = [
    { name: 'Lyon agents', tag: 'lyon', entityId: 'lyon' },
    { name: 'Paris network', ipRange: '10.1.0.0/16', entityId: 'paris' },
  ];

  it('gives the entity of the first rule that matches the tag or an address, else the default', () => {
    expect(entityFor({ ...inventory({}), tag: 'lyon' }, '192.0.2.9', rules, 'root')).toBe('lyon');
    expect(entityFor(inventory({}), undefined, rules, 'root')).toBe('paris');
    expect(entityFor({ ...inventory({}), composition: emptyComposition() }, '10.1.9.9', rules, 'root')).toBe('paris');
    expect(entityFor({ ...inventory({}), composition: emptyComposition() }, '192.0.2.9', rules, 'root')).toBe('root');
  });

  it('reads CIDR ranges, IPv4-mapped addresses included', () => {
    expect(inRange('10.1.255.1', '10.1.0.0/16')).toBe(true);
    expect(inRange('::ffff:10.1.0.1', '10.1.0.0/16')).toBe(true);
    expect(inRange('10.2.0.1', '10.1.0.0/16')).toBe(false);
    expect(inRange('fe80::1', '10.1.0.0/16')).toBe(false);
  });
});
