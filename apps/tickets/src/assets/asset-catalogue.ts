import { Injectable } from '@nestjs/common';
import type { LinkedItem } from '@itsm/contracts';
import { ProjectionRegistry } from '@itsm/runtime';
import { ticketAssetsProjection, type TicketAssetDoc } from './ticket-assets.projection';

/** A ticket's item with the asset's name; null when the assets context has not told of it (or purged it). */
export interface NamedItem extends LinkedItem {
  name: string | null;
}

/** The Parc as tickets sees it: the local copy of the assets context's events, never a call to it. */
@Injectable()
export class AssetCatalogue {
  constructor(private readonly projections: ProjectionRegistry) {}

  collection() {
    return this.projections.collection<TicketAssetDoc>(ticketAssetsProjection.name);
  }

  /**
   * The assets found among the ids, one equality each (a ticket names a handful; FerretDB hands
   * equalities to PostgreSQL, not $in).
   */
  async byIds(assetIds: readonly string[]): Promise<Map<string, TicketAssetDoc>> {
    const collection = await this.collection();
    const found = await Promise.all([...new Set(assetIds)].map((assetId) => collection.findOne({ assetId })));
    return new Map(found.flatMap((doc) => (doc ? [[doc.assetId, doc] as const] : [])));
  }

  /** The items with their assets' names. */
  async named(items: readonly LinkedItem[]): Promise<NamedItem[]> {
    if (items.length === 0) return [];
    const assets = await this.byIds(items.map((item) => item.itemId));
    return items.map((item) => ({ ...item, name: assets.get(item.itemId)?.name ?? null }));
  }

  /** GLPI's "Mes matériels": the assets whose user is the caller, out of the trash, in the caller's entities. */
  async devicesOf(userId: string, scope: readonly string[]): Promise<TicketAssetDoc[]> {
    const collection = await this.collection();
    const mine = await collection.find({ userId, trashed: false }).sort({ name: 1 }).limit(200).toArray();
    return mine.filter((asset) => scope.includes(asset.entityId));
  }
}
