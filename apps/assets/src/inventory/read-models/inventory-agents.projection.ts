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
}

type Contact = {
  data: { assetId: string; deviceId: string; agentVersion: string | null; tag: string | null; format: string };
  entityId: string;
  occurredAt: string;
};

const contacted = (current: InventoryAgentDoc | null, { data, entityId, occurredAt }: Contact): InventoryAgentDoc => ({
  deviceId: data.deviceId,
  assetId: data.assetId,
  entityId,
  agentVersion: data.agentVersion,
  tag: data.tag,
  format: data.format,
  firstContactAt: current?.firstContactAt ?? occurredAt,
  lastContactAt: occurredAt,
});

/** One document per inventoried computer, its agent's: the device id links a re-inventory to its computer at once. */
export const inventoryAgentsProjection = defineProjection<InventoryAgentDoc>({
  name: 'inventory_agents',
  indexes: [
    { keys: { deviceId: 1 }, options: { name: 'device' } },
    { keys: { entityId: 1, lastContactAt: 1 }, options: { name: 'entity_last_contact' } },
  ],
  handlers: {
    'asset.inventory-applied': contacted,
    'asset.seen': contacted,
  },
});
