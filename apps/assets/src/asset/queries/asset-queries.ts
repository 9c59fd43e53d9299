import { Injectable } from '@nestjs/common';
import type { Caller } from '@itsm/auth';
import type { AssetType } from '@itsm/contracts';
import { DomainError, parseCalendarDay, parseInstant, startOfUtcDay } from '@itsm/domain';
import { ProjectionRegistry, StepTimings, type Page } from '@itsm/runtime';
import { AssetAccess } from '../access/asset-access';
import { assetListProjection, type AssetListDoc } from '../read-models/asset-list.projection';
import { SoftwareInstallationsFeed } from '../../installation/read-models/software-installations.feed';
import { InstallationIndex } from '../../installation/read-models/installation-index';
import { ComputerMatcher } from '../../inventory/computer-matcher';
import { assetView } from './asset-view';
import { assetFilterOf } from './asset-filter';
import { IndexedAssetList } from './list-index/indexed-asset-list';
import { ASSET_CONTAINS, ASSET_EQUALITIES } from './list-index/asset-list-row';
import type { AssetIdSet, AssetListPlan, AssetSortField } from './list-index/asset-list-plan';
import type { AssetSort, ListAssetsQuery } from './list-assets.query';

const SORT_FIELDS: Record<AssetSort, AssetSortField> = {
  name: 'nameKey',
  serial: 'serial',
  inventoryNumber: 'inventoryNumber',
  updatedAt: 'updatedAt',
  createdAt: 'createdAt',
  lastInventoryAt: 'lastInventoryAt',
};

/** A MAC as agents' are kept: lower case with colons. */
const macKey = (mac: string): string => mac.toLowerCase().replaceAll('-', ':');

/** The ids in both sets (a MAC's few computers, looked up among those having a software). */
const intersection = (having: AssetIdSet | undefined, ids: ReadonlySet<string>): AssetIdSet =>
  having ? new Set([...ids].filter((id) => having.has(id))) : ids;

/** A day bound is its UTC midnight; an instant is itself. */
const instantOf = (bound: string): string => {
  const day = parseCalendarDay(bound);
  return new Date(day ? startOfUtcDay(day) : parseInstant(bound)!).toISOString();
};

/**
 * The assets of one type the caller reaches, as lists and one by one. A list is answered by the
 * replica's in-memory index when it is ready, else by the read model, from the same plan.
 */
@Injectable()
export class AssetQueries {
  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly access: AssetAccess,
    private readonly indexed: IndexedAssetList,
    private readonly installations: InstallationIndex,
    private readonly installationsFeed: SoftwareInstallationsFeed,
    private readonly matcher: ComputerMatcher,
  ) {}

  collection() {
    return this.projections.collection<AssetListDoc>(assetListProjection.name);
  }

  async list(
    caller: Caller,
    assetType: AssetType,
    query: ListAssetsQuery,
    timings = new StepTimings(),
  ): Promise<Page<ReturnType<typeof assetView>>> {
    const plan = await this.planOf(caller, assetType, query, timings);
    const found =
      (await this.indexed.page(plan, timings)) ?? (await timings.time('read-model', () => this.readModelPage(plan)));
    const items = await timings.time('view', () => found.docs.map((doc) => assetView(doc)));
    return { items, total: found.total, page: query.page, limit: query.limit };
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

  private async readModelPage(plan: AssetListPlan): Promise<{ docs: AssetListDoc[]; total: number }> {
    const collection = await this.collection();
    const filter = assetFilterOf(plan) as never;
    const [docs, total] = await Promise.all([
      collection
        .find(filter)
        .sort({ [plan.sortField]: plan.direction, _id: plan.direction })
        .skip(plan.skip)
        .limit(plan.limit)
        .toArray(),
      collection.countDocuments(filter),
    ]);
    return { docs, total };
  }

  /** The request as a plan; an entity asked inside the caller's scope narrows the scope to it. */
  private async planOf(
    caller: Caller,
    assetType: AssetType,
    query: ListAssetsQuery,
    timings: StepTimings,
  ): Promise<AssetListPlan> {
    const mayRead = caller.rights.has('asset.read');
    const asked = query.entityId;
    const narrowed = asked !== undefined && mayRead && caller.scope.includes(asked);
    const plan: AssetListPlan = {
      assetType,
      scope: narrowed
        ? { entities: [asked], recursiveAbove: [] }
        : await timings.time('scope', () => this.access.scopeOf(caller)),
      trashed: mayRead ? (query.trashed ?? false) : false,
      ...(asked !== undefined && !narrowed ? { entityId: asked } : {}),
      equalities: ASSET_EQUALITIES.flatMap((field) => (query[field] ? [[field, query[field]] as const] : [])),
      contains: ASSET_CONTAINS.flatMap((field) => (query[field] ? [[field, query[field]] as const] : [])),
      sortField: SORT_FIELDS[query.sort ?? 'name'],
      direction: query.order === 'desc' ? -1 : 1,
      skip: (query.page - 1) * query.limit,
      limit: query.limit,
    };
    if (query.inventoriedBefore || query.inventoriedAfter) {
      plan.inventoried = {
        ...(query.inventoriedAfter ? { from: instantOf(query.inventoriedAfter) } : {}),
        ...(query.inventoriedBefore ? { before: instantOf(query.inventoriedBefore) } : {}),
      };
    }
    const { softwareId, softwareVersionId, mac } = query;
    if (softwareId)
      plan.assetIds = await timings.time('software', () => this.computersWith(softwareId, softwareVersionId));
    if (mac) plan.assetIds = intersection(plan.assetIds, await this.matcher.computersWithMac(macKey(mac)));
    return plan;
  }

  /** The computers having the software (of that version): from memory, else from the installations read model. */
  private async computersWith(softwareId: string, versionId?: string): Promise<AssetIdSet> {
    const inMemory = this.installations.software?.computersWith(softwareId, versionId);
    if (inMemory) return inMemory;
    const having = await this.installationsFeed.installationsIn(
      (installation) => installation.softwareId === softwareId && (!versionId || installation.versionId === versionId),
    );
    return new Set(having.map(({ computerId }) => computerId));
  }
}
