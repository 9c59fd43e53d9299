import { Injectable } from '@nestjs/common';
import { RowIndex, type RowSelection } from '@itsm/runtime';
import { ASSET_EQUALITIES, type AssetListRow } from './asset-list-row';
import { assetListPage, type AssetListPlan } from './asset-list-plan';

const bucketOf = (assetType: string, entityId: string) => `${assetType}\u0000${entityId}`;

/**
 * The asset lists answered from memory, on each replica: FerretDB 1.24 decodes every matching
 * document to sort and count them (~10 s at 100,000 computers), this scans small rows of the
 * entities asked. Rows come from the `assets` read model (loaded, then refreshed after each asset
 * event); until the feed says the index is caught up, or after it failed, `page` declines and the
 * read model answers.
 */
@Injectable()
export class AssetListIndex extends RowIndex<AssetListRow> {
  /** (type, entity) -> its rows: a page reads the buckets of the entities it may show only */
  private readonly buckets = new Map<string, Map<string, AssetListRow>>();

  protected keyOf(row: AssetListRow): string {
    return row.assetId;
  }

  protected override compact(row: AssetListRow): AssetListRow {
    const kept = { ...row, entityId: this.shared(row.entityId) };
    for (const field of ASSET_EQUALITIES) kept[field] = this.shared(row[field]);
    return kept;
  }

  protected override placed(assetId: string, row: AssetListRow, previous: AssetListRow | undefined): void {
    if (previous) this.removed(assetId, previous);
    const bucket = bucketOf(row.assetType, row.entityId);
    const rows = this.buckets.get(bucket) ?? new Map<string, AssetListRow>();
    this.buckets.set(bucket, rows.set(assetId, row));
  }

  protected override removed(assetId: string, previous: AssetListRow): void {
    this.buckets.get(bucketOf(previous.assetType, previous.entityId))?.delete(assetId);
  }

  /** The page's rows and the total, or undefined when the read model must answer. */
  page(plan: AssetListPlan): RowSelection<AssetListRow> | undefined {
    if (!this.ready) return undefined;
    return assetListPage(this.sourcesOf(plan), plan);
  }

  /** The fewest rows holding every match: the assets having the software, or the entities' buckets. */
  private sourcesOf(plan: AssetListPlan): Array<Iterable<AssetListRow>> {
    const entities = this.entitiesOf(plan);
    const inBuckets = entities.map((entityId) => this.buckets.get(bucketOf(plan.assetType, entityId)));
    const bucketRows = inBuckets.reduce((sum, rows) => sum + (rows?.size ?? 0), 0);
    if (plan.assetIds && plan.assetIds.size < bucketRows) {
      return [[...plan.assetIds].flatMap((assetId) => this.rows.get(assetId) ?? [])];
    }
    return inBuckets.flatMap((rows) => (rows ? [rows.values()] : []));
  }

  private entitiesOf(plan: AssetListPlan): string[] {
    if (plan.entityId !== undefined) return [plan.entityId];
    if ('entities' in plan.scope) return [...new Set([...plan.scope.entities, ...plan.scope.recursiveAbove])];
    // his own devices: any entity of the type
    const prefix = bucketOf(plan.assetType, '');
    return [...this.buckets.keys()].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
  }
}
