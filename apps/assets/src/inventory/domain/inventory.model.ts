import type { Component, NetworkPort, OperatingSystem, SoftwareEntry, Volume } from '@itsm/contracts';

/** The computer's own fields as the agent reports them (names, not yet dropdown ids). */
export interface InventoriedFields {
  name?: string;
  serial?: string;
  uuid?: string;
  manufacturer?: string;
  model?: string;
  type?: string;
}

/** What a computer is made of, as inventory sees it: the part a re-inventory compares. */
export interface Composition {
  operatingSystem: OperatingSystem | null;
  /** sorted by kind, then name */
  components: Component[];
  /** sorted by mount point */
  volumes: Volume[];
  /** sorted by name */
  networkPorts: NetworkPort[];
  /** sorted by name, architecture, version */
  software: SoftwareEntry[];
}

export type InventoryFormat = 'fusioninventory-xml' | 'glpi-json';

/** One agent inventory, whatever protocol brought it, with names normalised. */
export interface NormalisedInventory {
  deviceId: string;
  format: InventoryFormat;
  agentVersion: string | null;
  tag: string | null;
  /** what the import rules match on and the computer's own fields */
  fields: InventoriedFields;
  /** MAC addresses of the physical interfaces, lower case, sorted */
  macs: string[];
  composition: Composition;
}

export const emptyComposition = (): Composition => ({
  operatingSystem: null,
  components: [],
  volumes: [],
  networkPorts: [],
  software: [],
});
