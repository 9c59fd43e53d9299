import { Injectable } from '@nestjs/common';
import { StepTimings } from '@itsm/runtime';
import type { AssetListDoc } from '../../read-models/asset-list.projection';
import { AssetListIndex } from './asset-list-index';
import type { AssetListPlan } from './asset-list-plan';
import { docOfRow } from './asset-list-row';

/**
 * The lists from the replica's list index: the index finds the page's assets and the total, and
 * its rows hold what the items show (docOfRow): no document is read.
 */
@Injectable()
export class IndexedAssetList {
  constructor(private readonly index: AssetListIndex) {}

  /** The page's documents and the total, or undefined when the index is not ready. */
  async page(
    plan: AssetListPlan,
    timings = new StepTimings(),
  ): Promise<{ docs: AssetListDoc[]; total: number } | undefined> {
    const found = await timings.time('index', () => this.index.page(plan));
    if (!found) return undefined;
    return { docs: found.rows.map(docOfRow), total: found.total };
  }
}
