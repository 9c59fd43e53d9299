import type {
  Component,
  FreeSpace,
  NetworkPort,
  OperatingSystem,
  PortAddress,
  SoftwareEntry,
  SoftwareUpgrade,
  Volume,
} from '@itsm/contracts';
import {
  canonical,
  componentKey,
  portKey,
  softwareKey,
  softwarePackageKey,
  sortComponents,
  sortPorts,
  sortSoftware,
  sortVolumes,
  volumeKey,
} from './composition-keys';
import { emptyComposition, type Composition } from './inventory.model';

/** What a re-inventory changed in a computer's composition (a first one: everything added). */
export interface CompositionChanges {
  operatingSystem?: { from: OperatingSystem | null; to: OperatingSystem | null };
  software: { installed: SoftwareEntry[]; removed: SoftwareEntry[]; upgraded: SoftwareUpgrade[] };
  components: { added: Component[]; removed: Component[] };
  volumes: { added: Volume[]; removed: Volume[] };
  networkPorts: { added: NetworkPort[]; removed: NetworkPort[] };
  addresses: { added: PortAddress[]; removed: PortAddress[] };
  /** volumes kept whose free space moved: a measure, not a change of composition */
  freeSpace: FreeSpace[];
}

/** Items of `from` not in `to`, counted: two identical memory modules are two. */
function minus<T>(from: T[], to: T[], key: (item: T) => string): T[] {
  const left = new Map<string, number>();
  for (const item of to) {
    const itemKey = key(item);
    left.set(itemKey, (left.get(itemKey) ?? 0) + 1);
  }
  return from.filter((item) => {
    const itemKey = key(item);
    const remaining = left.get(itemKey) ?? 0;
    if (remaining > 0) left.set(itemKey, remaining - 1);
    return remaining === 0;
  });
}

function groupBy<T>(list: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of list) {
    const itemKey = key(item);
    const group = groups.get(itemKey);
    if (group) group.push(item);
    else groups.set(itemKey, [item]);
  }
  return groups;
}

/** The very same installation (every field of softwareKey), compared without building the keys. */
const sameSoftware = (a: SoftwareEntry, b: SoftwareEntry): boolean =>
  a.name === b.name &&
  a.version === b.version &&
  a.arch === b.arch &&
  a.publisher === b.publisher &&
  a.installDate === b.installDate;

/**
 * A package that left and came back in another version is an upgrade (or a downgrade) when it is
 * alone. Both lists are sorted by softwareKey: an unchanged computer's are equal item by item, told
 * without the thousands of keys the counting takes (most of a re-inventory's decision).
 */
function softwareChanges(stored: SoftwareEntry[], next: SoftwareEntry[]): CompositionChanges['software'] {
  if (stored.length === next.length && stored.every((item, i) => sameSoftware(item, next[i]))) {
    return { installed: [], removed: [], upgraded: [] };
  }
  const gone = groupBy(minus(stored, next, softwareKey), softwarePackageKey);
  const come = groupBy(minus(next, stored, softwareKey), softwarePackageKey);
  const changes: CompositionChanges['software'] = { installed: [], removed: [], upgraded: [] };
  for (const [key, removed] of gone) {
    const installed = come.get(key) ?? [];
    if (removed.length === 1 && installed.length === 1) {
      changes.upgraded.push({ from: removed[0], to: installed[0] });
      come.delete(key);
    } else changes.removed.push(...removed);
  }
  for (const installed of come.values()) changes.installed.push(...installed);
  return { ...changes, installed: sortSoftware(changes.installed), removed: sortSoftware(changes.removed) };
}

function addressChanges(stored: NetworkPort[], next: NetworkPort[]): CompositionChanges['addresses'] {
  const before = new Map(stored.map((port) => [portKey(port), port]));
  const changes: CompositionChanges['addresses'] = { added: [], removed: [] };
  for (const port of next) {
    const kept = before.get(portKey(port));
    if (!kept) continue;
    const as = (address: string) => ({ port: port.name, address });
    changes.added.push(...port.addresses.filter((a) => !kept.addresses.includes(a)).map(as));
    changes.removed.push(...kept.addresses.filter((a) => !port.addresses.includes(a)).map(as));
  }
  return changes;
}

function freeSpaceChanges(stored: Volume[], next: Volume[]): FreeSpace[] {
  const before = new Map(stored.map((volume) => [volumeKey(volume), volume]));
  return next
    .filter((volume) => {
      const kept = before.get(volumeKey(volume));
      return kept !== undefined && volume.freeMb !== undefined && kept.freeMb !== volume.freeMb;
    })
    .map((volume) => ({ mountPoint: volume.mountPoint, freeMb: volume.freeMb as number }));
}

export function diffComposition(stored: Composition, next: Composition): CompositionChanges {
  const sameOs = canonical(stored.operatingSystem) === canonical(next.operatingSystem);
  return {
    ...(sameOs ? {} : { operatingSystem: { from: stored.operatingSystem, to: next.operatingSystem } }),
    software: softwareChanges(stored.software, next.software),
    components: {
      added: minus(next.components, stored.components, componentKey),
      removed: minus(stored.components, next.components, componentKey),
    },
    volumes: {
      added: minus(next.volumes, stored.volumes, volumeKey),
      removed: minus(stored.volumes, next.volumes, volumeKey),
    },
    networkPorts: {
      added: minus(next.networkPorts, stored.networkPorts, portKey),
      removed: minus(stored.networkPorts, next.networkPorts, portKey),
    },
    addresses: addressChanges(stored.networkPorts, next.networkPorts),
    freeSpace: freeSpaceChanges(stored.volumes, next.volumes),
  };
}

/** Whether anything but free space changed: if not, the inventory only marks the computer seen. */
export function compositionChanged(changes: CompositionChanges): boolean {
  const { software, components, volumes, networkPorts, addresses } = changes;
  const lists: unknown[][] = [
    software.installed,
    software.removed,
    software.upgraded,
    components.added,
    components.removed,
    volumes.added,
    volumes.removed,
    networkPorts.added,
    networkPorts.removed,
    addresses.added,
    addresses.removed,
  ];
  return changes.operatingSystem !== undefined || lists.some((list) => list.length > 0);
}

/**
 * Everything of a first inventory, as added; its operating system is compared with the one a
 * person (an import) set before any agent came, if any (see firstInventoryBase).
 */
export const everythingAdded = (
  next: Composition,
  operatingSystem: OperatingSystem | null = null,
): CompositionChanges => diffComposition(firstInventoryBase(operatingSystem), next);

/** What a first inventory's changes apply to: nothing, but the operating system a person set. */
export const firstInventoryBase = (operatingSystem: OperatingSystem | null): Composition => ({
  ...emptyComposition(),
  operatingSystem,
});

function withFreeSpace(volumes: Volume[], freeSpace: FreeSpace[]): Volume[] {
  const free = new Map(freeSpace.map((one) => [one.mountPoint, one.freeMb]));
  return volumes.map((volume) =>
    free.has(volume.mountPoint) ? { ...volume, freeMb: free.get(volume.mountPoint) } : volume,
  );
}

function withAddresses(ports: NetworkPort[], addresses: CompositionChanges['addresses']): NetworkPort[] {
  return ports.map((port) => {
    const removed = new Set(addresses.removed.filter((a) => a.port === port.name).map((a) => a.address));
    const added = addresses.added.filter((a) => a.port === port.name).map((a) => a.address);
    if (removed.size === 0 && added.length === 0) return port;
    return { ...port, addresses: [...port.addresses.filter((a) => !removed.has(a)), ...added].sort() };
  });
}

const changedList = <T>(stored: T[], removed: T[], added: T[], key: (item: T) => string, sort: (items: T[]) => T[]) =>
  removed.length === 0 && added.length === 0 ? stored : sort([...minus(stored, removed, key), ...added]);

/** The composition after the changes: applying diff(a, b) to a gives b. Parts without changes are kept as they are. */
export function applyChanges(stored: Composition, changes: Partial<CompositionChanges>): Composition {
  const software = changes.software ?? { installed: [], removed: [], upgraded: [] };
  const gone = [...software.removed, ...software.upgraded.map((upgrade) => upgrade.from)];
  const come = [...software.installed, ...software.upgraded.map((upgrade) => upgrade.to)];
  const components = changes.components ?? { added: [], removed: [] };
  const volumes = changes.volumes ?? { added: [], removed: [] };
  const ports = changes.networkPorts ?? { added: [], removed: [] };
  const addresses = changes.addresses ?? { added: [], removed: [] };
  const freeSpace = changes.freeSpace ?? [];
  const keptVolumes = changedList(stored.volumes, volumes.removed, volumes.added, volumeKey, sortVolumes);
  const keptPorts = changedList(stored.networkPorts, ports.removed, ports.added, portKey, sortPorts);
  return {
    operatingSystem: changes.operatingSystem ? changes.operatingSystem.to : stored.operatingSystem,
    software: changedList(stored.software, gone, come, softwareKey, sortSoftware),
    components: changedList(stored.components, components.removed, components.added, componentKey, sortComponents),
    volumes: freeSpace.length > 0 ? withFreeSpace(keptVolumes, freeSpace) : keptVolumes,
    networkPorts:
      addresses.added.length + addresses.removed.length > 0 ? withAddresses(keptPorts, addresses) : keptPorts,
  };
}
