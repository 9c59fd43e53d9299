import type { Component, NetworkPort, SoftwareEntry, Volume } from '@itsm/contracts';

// Keys that say when two items of a composition are the same one. Each is computed once per item
// (a re-inventory compares a thousand packages: keys in comparators would cost more than parsing).

/** The same data always gives the same text, whatever order its keys came in. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A component is the same one only if every attribute is the same: any change is a removal and an addition. */
export const componentKey = (component: Component): string => canonical(component);

/** Software is the same package when its name and architecture match (case aside): versions upgrade. */
export const softwarePackageKey = (software: SoftwareEntry): string =>
  `${software.name.toLowerCase()}\u0000${(software.arch ?? '').toLowerCase()}`;

/** The very same installation: every field equal. */
export const softwareKey = (software: SoftwareEntry): string =>
  `${softwarePackageKey(software)}\u0000${software.version}\u0000${software.name}\u0000${software.arch ?? ''}\u0000${software.publisher ?? ''}\u0000${software.installDate ?? ''}`;

/** A volume is the same while its mount point, device, file system and size are: free space only moves. */
export const volumeKey = (volume: Volume): string =>
  `${volume.mountPoint}\u0000${volume.device ?? ''}\u0000${volume.fileSystem ?? ''}\u0000${volume.totalMb ?? ''}`;

/** A port is the same while its name, MAC, type and kind are: its addresses are compared one by one. */
export const portKey = (port: NetworkPort): string =>
  `${port.name}\u0000${port.mac ?? ''}\u0000${port.type ?? ''}\u0000${port.virtual ?? ''}`;

/** The items in the order of their keys, each key computed once. */
export function sortedBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return items
    .map((item) => ({ key: key(item), item }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ item }) => item);
}

export const sortComponents = (components: readonly Component[]) =>
  sortedBy(components, (component) => `${component.kind}\u0000${component.name}\u0000${componentKey(component)}`);
export const sortSoftware = (software: readonly SoftwareEntry[]) => sortedBy(software, softwareKey);
export const sortVolumes = (volumes: readonly Volume[]) => sortedBy(volumes, volumeKey);
export const sortPorts = (ports: readonly NetworkPort[]) => sortedBy(ports, portKey);
