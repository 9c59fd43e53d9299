import { Injectable } from '@nestjs/common';
import type { ImportRule } from '@itsm/contracts';
import { ProjectionRegistry } from '@itsm/runtime';
import { LRUCache } from 'lru-cache';
import { assetListProjection, type AssetListDoc } from '../asset/read-models/asset-list.projection';
import { lookupsFor, type ComputerLookup } from './domain/import-rules';
import type { NormalisedInventory } from './domain/inventory.model';
import {
  computerCompositionProjection,
  type ComputerCompositionDoc,
} from './read-models/computer-composition.projection';
import { inventoryAgentsProjection, type InventoryAgentDoc } from './read-models/inventory-agents.projection';

/** The computer an inventory updates, with how it was found. */
export interface MatchedComputer {
  assetId: string;
  entityId: string;
  /** "Agent" when its device id is known, else the import rule that matched */
  rule: string;
}

/**
 * Finds the computer an inventory belongs to: the one its agent (device id) last reported, else
 * the first import rule, in order, that finds one; none creates a computer.
 */
@Injectable()
export class ComputerMatcher {
  /** the computers of the devices this replica linked lately: a re-inventory then asks no read model */
  private readonly linked = new LRUCache<string, MatchedComputer>({ max: 50_000 });

  constructor(private readonly projections: ProjectionRegistry) {}

  remember(deviceId: string, computer: MatchedComputer): void {
    this.linked.set(deviceId, computer);
  }

  /** The link proved wrong (the computer was purged): the next inventory looks again. */
  forget(deviceId: string): void {
    this.linked.delete(deviceId);
  }

  async find(inventory: NormalisedInventory, rules: ImportRule[]): Promise<MatchedComputer | null> {
    const known = this.linked.get(inventory.deviceId);
    if (known) return known;
    const agents = await this.projections.collection<InventoryAgentDoc>(inventoryAgentsProjection.name);
    const agent = await agents.findOne({ deviceId: inventory.deviceId }, { sort: { lastContactAt: -1 } });
    if (agent) return { assetId: agent.assetId, entityId: agent.entityId, rule: 'Agent' };
    // asked side by side: a new device (every first inventory) misses them all, and so waits for
    // the slowest rather than for their sum; the first rule in order that finds one still wins
    const lookups = lookupsFor(inventory, rules);
    const found = await Promise.all(lookups.map((lookup) => this.lookUp(lookup)));
    const first = found.findIndex((computer) => computer !== null);
    const computer = found[first];
    return computer ? { ...computer, rule: lookups[first].rule } : null;
  }

  private async lookUp(lookup: ComputerLookup): Promise<Omit<MatchedComputer, 'rule'> | null> {
    const assets = await this.projections.collection<AssetListDoc>(assetListProjection.name);
    const filter: Record<string, unknown> = { assetType: 'computer' };
    if (lookup.serial) filter.serial = lookup.serial;
    if (lookup.uuid) filter.uuid = lookup.uuid;
    if (lookup.name) filter.nameKey = lookup.name.toLocaleLowerCase('en');
    if (lookup.macs) {
      const compositions = await this.projections.collection<ComputerCompositionDoc>(
        computerCompositionProjection.name,
      );
      // one equality each: FerretDB reads a whole collection for an $in
      const found = await Promise.all(lookup.macs.map((mac) => compositions.findOne({ macs: mac })));
      const withMac = found.find((doc) => doc !== null);
      if (!withMac) return null;
      filter.assetId = withMac.assetId;
    }
    const found = await assets.findOne(filter, { sort: { updatedAt: -1 } });
    return found && { assetId: found.assetId, entityId: found.entityId };
  }
}
