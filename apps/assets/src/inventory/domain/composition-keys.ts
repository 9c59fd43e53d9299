import type { Component, NetworkPort, SoftwareEntry, Volume } from '@itsm/contracts';

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

export const softwareKey = (software: SoftwareEntry): string =>
  `${softwarePackageKey(software)}\u0000${software.version}\u0000${canonical(software)}`;

/** A volume is the same while its mount point, device, file system and size are: free space only moves. */
export const volumeKey = (volume: Volume): string => canonical({ ...volume, freeMb: undefined });

/** A port is the same while its name, MAC, type and kind are: its addresses are compared one by one. */
export const portKey = (port: NetworkPort): string => canonical({ ...port, addresses: undefined });

const compareBy =
  <T>(key: (item: T) => string) =>
  (a: T, b: T): number => {
    const [ka, kb] = [key(a), key(b)];
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };

export const byComponent = compareBy(
  (component: Component) => `${component.kind}\u0000${component.name}\u0000${componentKey(component)}`,
);
export const bySoftware = compareBy(softwareKey);
export const byVolume = compareBy((volume: Volume) => `${volume.mountPoint}\u0000${volumeKey(volume)}`);
export const byPort = compareBy((port: NetworkPort) => `${port.name}\u0000${portKey(port)}`);
