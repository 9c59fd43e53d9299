import { Injectable } from '@nestjs/common';
import { ListedDocCache, ProjectionRegistry, StepTimings } from '@itsm/runtime';
import { assetStreamId } from '../../asset.decider';
import { assetListProjection, type AssetListDoc } from '../../read-models/asset-list.projection';
import { AssetListIndex } from './asset-list-index';
import type { AssetListPlan } from './asset-list-plan';
import type { AssetListRow } from './asset-list-row';

/** ~1 KB each: a few MB for the pages most listed */
const CACHED_ASSETS = 5000;

/**
 * The lists from the replica's list index: the index finds the page's assets and the total; their
 * documents are then read by id, one query each (FerretDB hands an `_id` equality to PostgreSQL,
 * not an `$in`), unless read already at the row's sequence.
 */
@Injectable()
export class IndexedAssetList {
  private readonly cache = new ListedDocCache<AssetListDoc>(CACHED_ASSETS);

  constructor(
    private readonly index: AssetListIndex,
    private readonly projections: ProjectionRegistry,
  ) {}

  /** The page's documents and the total, or undefined when the index is not ready. */
  async page(
    plan: AssetListPlan,
    timings = new StepTimings(),
  ): Promise<{ docs: AssetListDoc[]; total: number } | undefined> {
    const found = await timings.time('index', () => this.index.page(plan));
    if (!found) return undefined;
    return { docs: await timings.time('docs', () => this.docsOf(found.rows)), total: found.total };
  }

  private async docsOf(rows: AssetListRow[]): Promise<AssetListDoc[]> {
    const assets = await this.projections.collection<AssetListDoc>(assetListProjection.name);
    const docs = await Promise.all(
      rows.map(async ({ assetId, sequence }) => {
        const cached = this.cache.get(assetId, sequence);
        if (cached) return cached;
        const doc = await assets.findOne({ _id: assetStreamId(assetId) } as never);
        if (doc) this.cache.set(assetId, doc._sequence ?? 0, doc);
        return doc;
      }),
    );
    return docs.filter((doc): doc is NonNullable<typeof doc> => doc !== null);
  }
}
