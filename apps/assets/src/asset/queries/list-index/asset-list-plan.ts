import type { AssetType } from '@itsm/contracts';
import { selectRows, type RowSelection } from '@itsm/runtime';
import type { AssetContains, AssetEquality, AssetListRow } from './asset-list-row';

export type AssetSortField = 'nameKey' | 'serial' | 'inventoryNumber' | 'updatedAt' | 'createdAt' | 'lastInventoryAt';

/** Whose assets a caller reaches (AssetAccess): his own devices, or entities and the recursive assets above them. */
export type AssetScope = { ownerId: string } | { entities: readonly string[]; recursiveAbove: readonly string[] };

/** Asset ids, as a set or a view over another index's keys (no copy of 30,000 ids per request). */
export interface AssetIdSet extends Iterable<string> {
  has(assetId: string): boolean;
  readonly size: number;
}

/** One list request, as both the read model's filter and the index's matcher are made of it. */
export interface AssetListPlan {
  assetType: AssetType;
  scope: AssetScope;
  trashed: boolean;
  entityId?: string;
  equalities: Array<[AssetEquality, string]>;
  contains: Array<[AssetContains, string]>;
  /** last inventory at or after `from`, before `before` (instants) */
  inventoried?: { from?: string; before?: string };
  /** the assets having a software installed (criterion "software installed") */
  assetIds?: AssetIdSet;
  sortField: AssetSortField;
  direction: 1 | -1;
  skip: number;
  limit: number;
}

/** MongoDB's order: null before any text, then texts by code unit. */
const compareValues = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;

const literal = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');

function scopeMatcher(scope: AssetScope): (row: AssetListRow) => boolean {
  if ('ownerId' in scope) return (row) => row.userId === scope.ownerId && !row.trashed;
  const entities = new Set(scope.entities);
  const above = new Set(scope.recursiveAbove);
  return (row) => entities.has(row.entityId) || (row.recursive && above.has(row.entityId));
}

/** Whether a row matches the plan: what the read model's filter of the same plan finds. */
export function assetMatcherOf(plan: AssetListPlan): (row: AssetListRow) => boolean {
  const inScope = scopeMatcher(plan.scope);
  const patterns = plan.contains.map(([field, text]) => [field, literal(text)] as const);
  const { from, before } = plan.inventoried ?? {};
  return (row) => {
    if (row.assetType !== plan.assetType || row.trashed !== plan.trashed) return false;
    if (plan.entityId !== undefined && row.entityId !== plan.entityId) return false;
    for (const [field, value] of plan.equalities) if (row[field] !== value) return false;
    if (plan.assetIds && !plan.assetIds.has(row.assetId)) return false;
    for (const [field, pattern] of patterns) {
      const value = row[field];
      if (value === null || !pattern.test(value)) return false;
    }
    if (from !== undefined && (row.lastInventoryAt === null || row.lastInventoryAt < from)) return false;
    if (before !== undefined && (row.lastInventoryAt === null || row.lastInventoryAt >= before)) return false;
    return inScope(row);
  };
}

/** The plan's order: its field, then the asset id (as `_id`, `asset-<id>`, orders), both its way. */
export function assetOrderOf(plan: AssetListPlan): (a: AssetListRow, b: AssetListRow) => number {
  const field = plan.sortField;
  return (a, b) => plan.direction * (compareValues(a[field], b[field]) || compareValues(a.assetId, b.assetId));
}

/** The page of rows and the total, from these sources (all rows, or the index's buckets). */
export function assetListPage(
  sources: Iterable<Iterable<AssetListRow>>,
  plan: AssetListPlan,
): RowSelection<AssetListRow> {
  return selectRows(sources, assetMatcherOf(plan), assetOrderOf(plan), plan.skip, plan.limit);
}
