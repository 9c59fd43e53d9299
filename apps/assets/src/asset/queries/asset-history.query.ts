import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '@itsm/auth';
import type { AssetType } from '@itsm/contracts';
import { DirectoryReader } from '@itsm/directory';
import { projectionHistory, type MongoEventStore } from '@itsm/eventsourcing';
import { EVENT_STORE } from '@itsm/runtime';
import { assetStreamId } from '../asset.decider';
import { assetListProjection } from '../read-models/asset-list.projection';
import { AssetQueries } from './asset-queries';
import { inventoryChanges } from './inventory-history';

/** Bookkeeping of the read model, not history lines. */
const HIDDEN = ['nameKey', 'updatedAt', 'createdAt'];

/**
 * GLPI's "Historique" of an asset: every change (field, old → new, who, when), from its events
 * folded through the asset's read model, and what each inventory changed (software, components,
 * volumes, ports, addresses, operating system) line by line, with the agent as actor.
 */
@Injectable()
export class AssetHistory {
  constructor(
    private readonly queries: AssetQueries,
    private readonly directory: DirectoryReader,
    @Inject(EVENT_STORE) private readonly store: MongoEventStore,
  ) {}

  async of(caller: Caller, assetType: AssetType, assetId: string) {
    await this.queries.visibleDoc(caller, assetType, assetId);
    const events = await this.store.readStream(assetStreamId(assetId));
    // the read model keeps only that an inventory came; what it changed is in its event
    const history = projectionHistory(assetListProjection, events, HIDDEN).map((entry, i) => ({
      ...entry,
      changes: [...entry.changes, ...inventoryChanges(events[i])],
    }));
    const userIds = [...new Set(history.filter((entry) => entry.actor.kind === 'user').map((entry) => entry.actor.id))];
    const users = await this.directory.usersById(userIds);
    return history.map((entry) => ({
      ...entry,
      actorName: users.get(entry.actor.id)?.displayName ?? entry.actor.id,
    }));
  }
}
