import { contains } from '@itsm/runtime';
import type { AssetListPlan } from './list-index/asset-list-plan';

/**
 * The read model's filter of a list plan (what the index's matcher answers from memory):
 * equalities stay one flat filter (FerretDB hands those to PostgreSQL); the rest under `$and`.
 */
export function assetFilterOf(plan: AssetListPlan): Record<string, unknown> {
  const filter: Record<string, unknown> = { assetType: plan.assetType, trashed: plan.trashed };
  const also: Array<Record<string, unknown>> = [];
  const { scope } = plan;
  if ('ownerId' in scope) also.push({ userId: scope.ownerId });
  else if (scope.recursiveAbove.length === 0) {
    filter.entityId = scope.entities.length === 1 ? scope.entities[0] : { $in: scope.entities };
  } else {
    filter.$or = [{ entityId: { $in: scope.entities } }, { recursive: true, entityId: { $in: scope.recursiveAbove } }];
  }
  if (plan.entityId !== undefined) also.push({ entityId: plan.entityId });
  for (const [field, value] of plan.equalities) filter[field] = value;
  for (const [field, text] of plan.contains) filter[field] = contains(text);
  if (plan.inventoried) {
    const { from, before } = plan.inventoried;
    filter.lastInventoryAt = { ...(from ? { $gte: from } : {}), ...(before ? { $lt: before } : {}) };
  }
  if (plan.assetIds) also.push({ assetId: { $in: [...plan.assetIds] } });
  if (also.length > 0) filter.$and = also;
  return filter;
}
