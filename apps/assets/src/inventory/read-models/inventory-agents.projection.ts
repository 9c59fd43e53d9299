import type { AssetInventoryApplied, AssetSeen, FreeSpace } from '@itsm/contracts';
import { defineProjection } from '@itsm/eventsourcing';

/** An agent as its inventories show it (GLPI's agent list): device id, version, tag, last contact. */
export interface InventoryAgentDoc {
  deviceId: string;
  assetId: string;
  entityId: string;
  agentVersion: string | null;
  tag: string | null;
  format: string;
  firstContactAt: string;
  lastContactAt: string;
  /**
   * The free space the agent measured last, per mount point it moved on: an unchanged
   * re-inventory writes it here, small, rather than rewrite the computer's composition document.
   */
  freeSpace: FreeSpace[];
}

type Contact<Data> = { data: Data; entityId: string; occurredAt: string };

const contacted = (
  current: InventoryAgentDoc | null,
  { data, entityId, occurredAt }: Contact<AssetInventoryApplied['data'] | AssetSeen['data']>,
  freeSpace: FreeSpace[],
): InventoryAgentDoc => ({
  deviceId: data.deviceId,
  assetId: data.assetId,
  entityId,
  agentVersion: data.agentVersion,
  tag: data.tag,
  format: data.format,
  firstContactAt: current?.firstContactAt ?? occurredAt,
  lastContactAt: occurredAt,
  freeSpace,
});

/** The latest measure of each mount point: those given replace those held. */
function measured(held: FreeSpace[], given: FreeSpace[]): FreeSpace[] {
  const latest = new Map(held.map((one) => [one.mountPoint, one.freeMb]));
  for (const { mountPoint, freeMb } of given) latest.set(mountPoint, freeMb);
  return [...latest].map(([mountPoint, freeMb]) => ({ mountPoint, freeMb }));
}

/**
 * After an applied inventory: its volumes' free space wins over what was held (a first inventory
 * starts over), a removed volume's is forgotten unless the volume came back.
 */
function measuredByInventory(held: FreeSpace[], data: AssetInventoryApplied['data']): FreeSpace[] {
  const removed = new Set(data.volumes.removed.map((volume) => volume.mountPoint));
  const kept = data.first ? [] : held.filter((one) => !removed.has(one.mountPoint));
  const added = data.volumes.added.flatMap(({ mountPoint, freeMb }) =>
    freeMb === undefined ? [] : [{ mountPoint, freeMb }],
  );
  return measured(kept, [...added, ...(data.freeSpace ?? [])]);
}

/** One document per inventoried computer, its agent's: the device id links a re-inventory to its computer at once. */
export const inventoryAgentsProjection = defineProjection<InventoryAgentDoc>({
  name: 'inventory_agents',
  indexes: [
    { keys: { deviceId: 1 }, options: { name: 'device' } },
    { keys: { entityId: 1, lastContactAt: 1 }, options: { name: 'entity_last_contact' } },
  ],
  handlers: {
    'asset.inventory-applied': (current, event) =>
      contacted(current, event, measuredByInventory(current?.freeSpace ?? [], event.data)),
    'asset.seen': (current, event) =>
      contacted(current, event, measured(current?.freeSpace ?? [], event.data.freeSpace ?? [])),
  },
});
