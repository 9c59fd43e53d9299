import { Injectable } from '@nestjs/common';
import type { Caller } from '@itsm/auth';
import type { AssetType } from '@itsm/contracts';
import { DomainError, parseCalendarDay, parseInstant, startOfUtcDay } from '@itsm/domain';
import { contains, pageOf, ProjectionRegistry } from '@itsm/runtime';
import { AssetAccess } from '../access/asset-access';
import { assetListProjection, type AssetListDoc } from '../read-models/asset-list.projection';
import { assetView } from './asset-view';
import type { AssetSort, ListAssetsQuery } from './list-assets.query';

const SORT_FIELDS: Record<AssetSort, string> = {
  name: 'nameKey',
  serial: 'serial',
  inventoryNumber: 'inventoryNumber',
  updatedAt: 'updatedAt',
  createdAt: 'createdAt',
  lastInventoryAt: 'lastInventoryAt',
};

const EQUALITIES = ['typeId', 'modelId', 'manufacturerId', 'statusId', 'locationId', 'userId', 'groupId'] as const;
const CONTAINS = ['name', 'serial', 'inventoryNumber'] as const;

/** A day bound is its UTC midnight; an instant is itself. */
const instantOf = (bound: string): string => {
  const day = parseCalendarDay(bound);
  return new Date(day ? startOfUtcDay(day) : parseInstant(bound)!).toISOString();
};

/** The assets of one type the caller reaches, as lists and one by one. */
@Injectable()
export class AssetQueries {
  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly access: AssetAccess,
  ) {}

  collection() {
    return this.projections.collection<AssetListDoc>(assetListProjection.name);
  }

  async list(caller: Caller, assetType: AssetType, query: ListAssetsQuery) {
    const filter = await this.filterOf(caller, assetType, query);
    return pageOf(await this.collection(), filter, query, SORT_FIELDS[query.sort ?? 'name'], (doc) => assetView(doc));
  }

  async get(caller: Caller, assetType: AssetType, assetId: string) {
    return assetView(await this.visibleDoc(caller, assetType, assetId));
  }

  /** The asset's document when the caller sees it; not found otherwise (whether it exists or not). */
  async visibleDoc(caller: Caller, assetType: AssetType, assetId: string): Promise<AssetListDoc> {
    const doc = await (await this.collection()).findOne({ assetId });
    if (!doc || doc.assetType !== assetType || !(await this.access.sees(caller, doc))) {
      throw new DomainError('not_found', `no ${assetType} ${assetId}`);
    }
    return doc;
  }

  /** Equalities stay one flat filter (FerretDB hands those to PostgreSQL); the scope is an equality when one entity is asked. */
  private async filterOf(caller: Caller, assetType: AssetType, query: ListAssetsQuery) {
    const visible = await this.access.visibleFilter(caller, assetType);
    const asked = query.entityId;
    const scope =
      asked && caller.rights.has('asset.read') && caller.scope.includes(asked)
        ? { assetType, entityId: asked }
        : visible;
    const filter: Record<string, unknown> = { ...scope, trashed: query.trashed ?? false };
    const also: Array<Record<string, unknown>> = [];
    if (asked && scope === visible) also.push({ entityId: asked });
    if (!caller.rights.has('asset.read')) filter.trashed = false;
    for (const field of EQUALITIES) if (query[field]) filter[field] = query[field];
    // his own devices only: asking for another user's finds nothing
    if (!caller.rights.has('asset.read') && filter.userId !== caller.userId) also.push({ userId: caller.userId });
    for (const field of CONTAINS) if (query[field]) filter[field] = contains(query[field]!);
    if (query.inventoriedBefore || query.inventoriedAfter) {
      filter.lastInventoryAt = {
        ...(query.inventoriedAfter ? { $gte: instantOf(query.inventoriedAfter) } : {}),
        ...(query.inventoriedBefore ? { $lt: instantOf(query.inventoriedBefore) } : {}),
      };
    }
    if (also.length > 0) filter.$and = also;
    return filter;
  }
}
