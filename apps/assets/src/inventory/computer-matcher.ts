import { Injectable } from '@nestjs/common';
import type { ImportRule } from '@itsm/contracts';
import { ProjectionRegistry } from '@itsm/runtime';
import { ComputerMatchIndex } from './computer-match-index';
import { lookupsFor, type ComputerLookup } from './domain/import-rules';
import type { NormalisedInventory } from './domain/inventory.model';
import { nameKeyOf, type ComputerMatchKeys } from './domain/match-keys';
import { computerMatchKeysProjection } from './read-models/computer-match-keys.projection';

/** The computer an inventory updates, with how it was found. */
export interface MatchedComputer {
  assetId: string;
  entityId: string;
  /** "Agent" when its device id is known, else the import rule that matched */
  rule: string;
}

const matched = (keys: Pick<ComputerMatchKeys, 'assetId' | 'entityId'>, rule: string): MatchedComputer => ({
  assetId: keys.assetId,
  entityId: keys.entityId,
  rule,
});

/**
 * Finds the computer an inventory belongs to: the one its agent (device id) last reported, else
 * the first import rule, in order, that finds one; none creates a computer. From this replica's
 * memory (ComputerMatchIndex) once it is ready; before, from the computer_match_keys documents.
 */
@Injectable()
export class ComputerMatcher {
  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly index: ComputerMatchIndex,
  ) {}

  find(inventory: NormalisedInventory, rules: ImportRule[]): Promise<MatchedComputer | null> | MatchedComputer | null {
    const lookups = lookupsFor(inventory, rules);
    if (!this.index.ready) return this.findStored(inventory.deviceId, lookups);
    const agent = this.index.byDevice(inventory.deviceId);
    if (agent) return matched(agent, 'Agent');
    for (const lookup of lookups) {
      const found = this.index.find(lookup);
      if (found) return matched(found, lookup.rule);
    }
    return null;
  }

  /** The computers having a physical port with this MAC (lower case with colons): GLPI's search by MAC. */
  async computersWithMac(mac: string): Promise<ReadonlySet<string>> {
    if (this.index.ready) return this.index.withMac(mac);
    const keys = await this.projections.collection<ComputerMatchKeys>(computerMatchKeysProjection.name);
    const found = await keys.find({ macs: mac }, { projection: { _id: 0, assetId: 1 } }).toArray();
    return new Set(found.map(({ assetId }) => assetId));
  }

  private async findStored(deviceId: string, lookups: ComputerLookup[]): Promise<MatchedComputer | null> {
    const agent = await this.findOne({ deviceId });
    if (agent) return matched(agent, 'Agent');
    // asked side by side: a new device (every first inventory) misses them all, and so waits for
    // the slowest rather than for their sum; the first rule in order that finds one still wins
    const found = await Promise.all(lookups.map((lookup) => this.lookUp(lookup)));
    const first = found.findIndex((computer) => computer !== null);
    const computer = found[first];
    return computer ? matched(computer, lookups[first].rule) : null;
  }

  private async lookUp(lookup: ComputerLookup): Promise<ComputerMatchKeys | null> {
    const filter: Record<string, unknown> = {};
    if (lookup.serial) filter.serial = lookup.serial;
    if (lookup.uuid) filter.uuid = lookup.uuid;
    if (lookup.name) filter.nameKey = nameKeyOf(lookup.name);
    if (!lookup.macs) return this.findOne(filter);
    // one equality each: FerretDB reads a whole collection for an $in
    const found = await Promise.all(lookup.macs.map((mac) => this.findOne({ ...filter, macs: mac })));
    return found.find((keys) => keys !== null) ?? null;
  }

  private async findOne(filter: Record<string, unknown>): Promise<ComputerMatchKeys | null> {
    const keys = await this.projections.collection<ComputerMatchKeys>(computerMatchKeysProjection.name);
    return keys.findOne(filter, { sort: { at: -1 } });
  }
}
