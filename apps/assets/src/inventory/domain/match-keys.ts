import type { AssetCreated, AssetInventoryApplied, AssetPurged, AssetUpdated, NetworkPort } from '@itsm/contracts';
import { v5 as uuidv5 } from 'uuid';

/**
 * What the import rules match a computer by, and nothing else: small, so that every replica keeps
 * all of them in memory and an unchanged re-inventory (asset.seen) never touches them.
 */
export interface ComputerMatchKeys {
  assetId: string;
  entityId: string;
  serial: string | null;
  uuid: string | null;
  /** the name lower-cased: the rule "name" ignores case */
  nameKey: string | null;
  /** MAC addresses of its physical ports, once per port (two ports may share one) */
  macs: string[];
  /** the agent that reported it last */
  deviceId: string | null;
  /** when an event last touched it: of two computers a rule finds, the latest wins */
  at: string;
}

export type MatchKeysEvent = AssetCreated | AssetUpdated | AssetPurged | AssetInventoryApplied;
export const MATCH_KEYS_EVENTS = [
  'asset.created',
  'asset.updated',
  'asset.purged',
  'asset.inventory-applied',
] as const satisfies ReadonlyArray<MatchKeysEvent['type']>;

export const nameKeyOf = (name: string | null | undefined): string | null =>
  name ? name.toLocaleLowerCase('en') : null;

const physicalMacs = (ports: NetworkPort[]): string[] =>
  ports.filter((port) => !port.virtual && port.mac).map((port) => port.mac as string);

/** One occurrence of each removed MAC goes, the added ones come (a port replaced is removed and added). */
function macsAfter(held: string[], { first, networkPorts }: AssetInventoryApplied['data']): string[] {
  const macs = first ? [] : [...held];
  for (const mac of physicalMacs(networkPorts.removed)) {
    const at = macs.indexOf(mac);
    if (at >= 0) macs.splice(at, 1);
  }
  return [...macs, ...physicalMacs(networkPorts.added)].sort();
}

/** The keys after one event of an asset's stream; null: not a computer, or purged. */
export function matchKeysAfter(
  current: ComputerMatchKeys | null,
  event: Pick<MatchKeysEvent, 'type' | 'data'>,
  at: string,
): ComputerMatchKeys | null {
  switch (event.type) {
    case 'asset.created': {
      const { data } = event as AssetCreated;
      if (data.assetType !== 'computer') return null;
      const { serial, uuid, name } = data.fields;
      return {
        assetId: data.assetId,
        entityId: data.entityId,
        serial: serial ?? null,
        uuid: uuid ?? null,
        nameKey: nameKeyOf(name),
        macs: [],
        deviceId: null,
        at,
      };
    }
    case 'asset.updated': {
      if (!current) return null;
      const { changes } = (event as AssetUpdated).data;
      const next = { ...current, at };
      if ('serial' in changes) next.serial = changes.serial ?? null;
      if ('uuid' in changes) next.uuid = changes.uuid ?? null;
      if ('name' in changes) next.nameKey = nameKeyOf(changes.name);
      return next;
    }
    case 'asset.purged':
      return null;
    case 'asset.inventory-applied': {
      if (!current) return null;
      const { data } = event as AssetInventoryApplied;
      return { ...current, macs: macsAfter(current.macs, data), deviceId: data.deviceId, at };
    }
    default:
      return current;
  }
}

const DEVICE_COMPUTERS = '8cbde04d-e5b4-4c7f-b007-f8b0c45f1c17';

/**
 * The id of the computer a device's first inventory creates: derived from its device id, so that
 * two replicas given that inventory at once write the same stream (the second append conflicts,
 * finds the computer and updates it) rather than two computers. Should that computer be purged,
 * the device's next one derives from the purged one's id, alike on every replica.
 */
export function deviceComputerId(deviceId: string, purged?: string): string {
  return uuidv5(purged ? `${deviceId}\u0000${purged}` : deviceId, DEVICE_COMPUTERS);
}
