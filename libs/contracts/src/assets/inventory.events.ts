import type { FromSchema } from 'json-schema-to-ts';
import { eventVersion, type EventOf } from '../event-definition';
import { choice, flag, id, list, nullableText, object, partialObject, text } from '../schema-builders';

// Events of agent inventory on a computer's stream (topic itsm.assets.events): what an inventory
// changed in its composition, or that an unchanged one was seen. The computer's own fields (name,
// serial, model…) change through asset.updated in the same commit, locked fields left alone.
// Names are normalised (trimmed, inner blanks collapsed to one space) before they reach an event,
// so "DELL  Inc. " arrives as "DELL Inc.".

const v1 = eventVersion('assets', 1);

const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a day, YYYY-MM-DD' } as const;
const megabytes = (description: string) => ({ type: 'integer', minimum: 0, description }) as const;

const softwareEntry = partialObject(
  {
    name: text('normalised name', 255),
    version: text('version as the agent reported it; empty when unknown', 255),
    publisher: text('normalised publisher', 255),
    installDate: day,
    arch: text('architecture, e.g. x86_64, amd64, all', 32),
  },
  ['name', 'version'],
);
const softwareUpgrade = object({ from: softwareEntry, to: softwareEntry });

const componentKinds = [
  'processor',
  'memory',
  'disk',
  'network-card',
  'graphics-card',
  'battery',
  'firmware',
  'monitor',
  'printer',
  'peripheral',
  'virtual-machine',
  'antivirus',
] as const;
const count = (description: string) => ({ type: 'integer', minimum: 0, description }) as const;
const component = partialObject(
  {
    kind: choice(componentKinds, 'what the component is'),
    name: text('normalised name', 255),
    manufacturer: text('normalised manufacturer', 255),
    model: text('model', 255),
    serial: text('serial number', 255),
    version: text('firmware, driver or product version', 255),
    type: text('memory type, disk interface, peripheral class…', 255),
    cores: count('processor cores'),
    threads: count('processor threads'),
    speedMhz: count('processor or memory speed, MHz'),
    capacityMb: megabytes('memory module or graphics memory, MB'),
    sizeMb: megabytes('disk size, MB'),
    capacityMwh: count('battery capacity by design, mWh'),
    mac: text('MAC address of a network card', 17),
    slot: text('slot, bank or port', 255),
    date: day,
    uuid: text('virtual machine UUID', 64),
    status: text('virtual machine state, antivirus status…', 64),
    enabled: flag('antivirus enabled'),
    upToDate: flag('antivirus signatures up to date'),
  },
  ['kind', 'name'],
);
const volume = partialObject(
  {
    mountPoint: text('mount point, or drive letter on Windows', 1024),
    device: text('device or share, e.g. /dev/sda1, host:/path', 1024),
    fileSystem: text('file system, e.g. ext4, NTFS', 64),
    totalMb: megabytes('size in MB'),
    freeMb: megabytes('free space in MB at the inventory'),
  },
  ['mountPoint'],
);
const networkPort = partialObject(
  {
    name: text('interface name, e.g. eth0', 255),
    mac: text('MAC address, lower case with colons', 17),
    type: text('ethernet, wifi, loopback…', 64),
    virtual: flag('a virtual interface (bridge, veth, loopback)'),
    addresses: list(text('IPv4 or IPv6 address', 64), 'addresses, sorted'),
  },
  ['name', 'addresses'],
);
const address = object({ port: text('interface name', 255), address: text('IPv4 or IPv6 address', 64) });
const operatingSystem = partialObject(
  {
    name: text('normalised name, e.g. Debian GNU/Linux', 255),
    version: text('version, e.g. 12.11', 255),
    edition: text('edition or full name', 255),
    architecture: text('architecture, e.g. x86_64', 32),
    kernel: text('kernel name and version', 255),
    installDate: day,
  },
  ['name'],
);
const nullableOperatingSystem = { ...operatingSystem, type: ['object', 'null'] } as const;
/** A computer's operating system, as an agent reports it or a person (an import) sets it. */
export const OPERATING_SYSTEM_SCHEMA = operatingSystem;
const addedRemoved = <const Item extends object>(item: Item, what: string) =>
  object({ added: list(item, `${what} added`), removed: list(item, `${what} removed`) });
const source = {
  deviceId: text('the agent’s device id', 255),
  format: choice(['fusioninventory-xml', 'glpi-json'], 'protocol the inventory came in'),
  agentVersion: nullableText('agent name and version, e.g. FusionInventory-Agent_v2.6-3', 255),
  tag: nullableText('the agent’s tag', 255),
};
const freeSpace = object({ mountPoint: text('mount point', 1024), freeMb: megabytes('free space in MB') });

const inventoryApplied = v1(
  'asset.inventory-applied',
  'An agent inventory changed the computer: only what changed (a first inventory: everything added).',
  partialObject(
    {
      assetId: id('the computer'),
      ...source,
      first: flag('first inventory of this computer: every item below is listed as added'),
      operatingSystem: object({ from: nullableOperatingSystem, to: nullableOperatingSystem }),
      software: object({
        installed: list(softwareEntry, 'installed since the last inventory'),
        removed: list(softwareEntry, 'no longer installed'),
        upgraded: list(softwareUpgrade, 'same name and architecture, another version'),
      }),
      components: addedRemoved(component, 'components'),
      volumes: addedRemoved(volume, 'volumes'),
      networkPorts: addedRemoved(networkPort, 'network ports'),
      addresses: addedRemoved(address, 'addresses of ports kept'),
      freeSpace: list(freeSpace, 'volumes kept whose free space moved'),
    },
    [
      'assetId',
      'deviceId',
      'format',
      'agentVersion',
      'tag',
      'first',
      'software',
      'components',
      'volumes',
      'networkPorts',
      'addresses',
    ],
  ),
);

const seen = v1(
  'asset.seen',
  'An agent inventory found the computer unchanged (free space aside).',
  partialObject(
    { assetId: id('the computer'), ...source, freeSpace: list(freeSpace, 'volumes whose free space moved') },
    ['assetId', 'deviceId', 'format', 'agentVersion', 'tag'],
  ),
);

const importCriterion = choice(['serial', 'uuid', 'mac', 'name'], 'what must match');
const importRule = object({
  name: text('rule name', 255),
  criteria: list(importCriterion, 'all must be present and equal'),
});
const entityRule = partialObject(
  {
    name: text('rule name', 255),
    tag: text('the agent tag it matches', 255),
    ipRange: text('an IPv4 CIDR range it matches, e.g. 10.1.0.0/16', 64),
    entityId: id('entity given to the asset'),
  },
  ['name', 'entityId'],
);
const inventoryRulesSet = v1(
  'inventory-rules.set',
  'The import rules (tried in order, first match links) and entity rules of agent inventory were set.',
  object({
    importRules: list(importRule, 'tried in order; no match creates the computer'),
    entityRules: list(entityRule, 'tried in order; no match gives the default entity'),
    defaultEntityId: id('entity of computers no entity rule placed'),
  }),
);

/** An installed package as inventory reports it: `name` and `publisher` normalised. */
export type SoftwareEntry = FromSchema<typeof softwareEntry>;
export type SoftwareUpgrade = FromSchema<typeof softwareUpgrade>;
export type ComponentKind = (typeof componentKinds)[number];
export type Component = FromSchema<typeof component>;
export type Volume = FromSchema<typeof volume>;
export type NetworkPort = FromSchema<typeof networkPort>;
export type PortAddress = FromSchema<typeof address>;
export type OperatingSystem = FromSchema<typeof operatingSystem>;
export type FreeSpace = FromSchema<typeof freeSpace>;
export type ImportCriterion = FromSchema<typeof importCriterion>;
export type ImportRule = FromSchema<typeof importRule>;
export type EntityRule = FromSchema<typeof entityRule>;
export const inventoryComponentKinds = componentKinds;

export type AssetInventoryApplied = EventOf<typeof inventoryApplied>;
export type AssetSeen = EventOf<typeof seen>;
export type InventoryRulesSet = EventOf<typeof inventoryRulesSet>;
export type InventoryEvent = AssetInventoryApplied | AssetSeen | InventoryRulesSet;

/** Agent inventory's events, published with the assets context's. */
export const inventoryEventDefinitions = [inventoryApplied, seen, inventoryRulesSet];
