import type { Component, NetworkPort, OperatingSystem, Volume } from '@itsm/contracts';
import { defineProjection } from '@itsm/eventsourcing';
import { applyChanges, firstInventoryBase } from '../domain/inventory-diff';
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
  /** its last inventory that changed something (an unchanged one writes only the asset's and agent's documents); null before the first */
  lastInventoryAt: string | null;
}

const emptyDoc = (): Omit<ComputerCompositionDoc, 'assetId' | 'entityId'> => {
  const { software: _software, ...composition } = emptyComposition();
  return { ...composition, macs: [], softwareCount: 0, lastInventoryAt: null };
};

const macsOf = (ports: NetworkPort[]): string[] =>
  [...new Set(ports.filter((port) => !port.virtual && port.mac).map((port) => port.mac as string))].sort();

/**
 * The composition of each inventoried computer: GLPI's Composants, Volumes and Ports réseau tabs
 * (and the operating system a person set on a computer no agent reported yet).
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
    // a person (an import) set the operating system before any agent came
    'asset.operating-system-set': (current, { data, entityId }) => ({
      ...(current ?? { ...emptyDoc(), assetId: data.assetId, entityId }),
      operatingSystem: data.operatingSystem,
    }),
    'asset.inventory-applied': (current, { data, entityId, occurredAt }) => {
      const stored =
        current && !data.first ? { ...current, software: [] } : firstInventoryBase(current?.operatingSystem ?? null);
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
