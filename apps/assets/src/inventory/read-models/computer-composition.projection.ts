import type { Component, NetworkPort, OperatingSystem, Volume } from '@itsm/contracts';
import { defineProjection } from '@itsm/eventsourcing';
import { applyChanges } from '../domain/inventory-diff';
import { emptyComposition } from '../domain/inventory.model';

/** A computer's composition as its agent last reported it (software aside: the software read models keep it). */
export interface ComputerCompositionDoc {
  assetId: string;
  entityId: string;
  operatingSystem: OperatingSystem | null;
  components: Component[];
  volumes: Volume[];
  networkPorts: NetworkPort[];
  /** MAC addresses of its physical ports: the import rule "MAC address" looks computers up by them */
  macs: string[];
  softwareCount: number;
  /** its last inventory that changed something (an unchanged one writes only the asset's and agent's documents) */
  lastInventoryAt: string;
}

const macsOf = (ports: NetworkPort[]): string[] =>
  [...new Set(ports.filter((port) => !port.virtual && port.mac).map((port) => port.mac as string))].sort();

/**
 * The composition of each inventoried computer: GLPI's Composants, Volumes and Ports réseau tabs.
 * `asset.seen` is not read: an unchanged re-inventory does not rewrite this large document (the
 * free space it measured is kept with the agent's, see inventory-agents).
 */
export const computerCompositionProjection = defineProjection<ComputerCompositionDoc>({
  name: 'computer_compositions',
  indexes: [
    { keys: { assetId: 1 }, options: { name: 'asset', unique: true } },
    { keys: { macs: 1 }, options: { name: 'macs' } },
  ],
  handlers: {
    'asset.inventory-applied': (current, { data, entityId, occurredAt }) => {
      const stored = current && !data.first ? { ...current, software: [] } : emptyComposition();
      const { software: _software, ...next } = applyChanges(stored, { ...data, software: undefined });
      const softwareCount =
        (data.first ? 0 : (current?.softwareCount ?? 0)) +
        data.software.installed.length -
        data.software.removed.length;
      return {
        assetId: data.assetId,
        entityId,
        ...next,
        macs: macsOf(next.networkPorts),
        softwareCount,
        lastInventoryAt: occurredAt,
      };
    },
  },
});
