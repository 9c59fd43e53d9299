import { Injectable } from '@nestjs/common';
import type { Caller } from '@itsm/auth';
import type { AssetType } from '@itsm/contracts';
import { DirectoryReader } from '@itsm/directory';
import { seesTicket } from '@itsm/domain';
import { ProjectionRegistry } from '@itsm/runtime';
import { AssetLookup } from '../../shared/asset-lookup';
import { assetTicketsProjection, type AssetTicketDoc } from '../read-models/asset-tickets.projection';

/** Most tickets an asset's tab lists, newest first. */
const SHOWN = 200;

/**
 * GLPI's "Tickets" tab of an asset: the tickets naming it, those the caller may see (seesTicket,
 * the rule tickets applies), from this service's copy of the tickets context's events.
 */
@Injectable()
export class AssetTicketQueries {
  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly assets: AssetLookup,
    private readonly directory: DirectoryReader,
  ) {}

  async of(caller: Caller, assetType: AssetType, assetId: string) {
    await this.assets.visible(caller, assetId, assetType);
    const tickets = await this.projections.collection<AssetTicketDoc>(assetTicketsProjection.name);
    const [naming, groupIds] = await Promise.all([
      tickets
        .find({ itemKeys: `${assetType}:${assetId}` })
        .sort({ openedAt: -1 })
        .limit(SHOWN)
        .toArray(),
      this.directory.groupIdsOf(caller.userId),
    ]);
    const reader = { ...caller, groupIds };
    const items = naming
      .filter((ticket) => seesTicket(reader, ticket))
      .map(({ ticketId, entityId, title, type, status, priority, openedAt }) => ({
        ticketId,
        entityId,
        title,
        type,
        status,
        priority,
        openedAt,
      }));
    return { items, total: items.length };
  }
}
