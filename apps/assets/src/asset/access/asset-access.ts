import { Injectable } from '@nestjs/common';
import { EntityTreeReader, type Caller } from '@itsm/auth';
import type { AssetType } from '@itsm/contracts';
import { DomainError, type Right } from '@itsm/domain';
import type { AssetState } from '../asset.state';
import type { AssetScope } from '../queries/list-index/asset-list-plan';

/**
 * Who reaches which asset. With asset.read: the assets of the caller's entities, and the
 * recursive ones of the entities above (GLPI's getEntitiesRestrictCriteria). Without it (a
 * self-service user): only his own devices, the assets whose user he is, read-only. Writes need
 * the right and the asset's entity in the caller's scope.
 */
@Injectable()
export class AssetAccess {
  constructor(private readonly tree: EntityTreeReader) {}

  /** Whose assets the caller may list: his own devices, or his entities' and the recursive ones above. */
  async scopeOf(caller: Caller): Promise<AssetScope> {
    if (!caller.rights.has('asset.read')) return { ownerId: caller.userId };
    return { entities: [...caller.scope], recursiveAbove: (await this.tree.tree()).ancestorsOf(caller.entityId) };
  }

  /** Whether the caller may see this asset (the read model's document or the decider's state). */
  async sees(
    caller: Caller,
    asset: { entityId: string | null; recursive?: boolean | null; userId?: string | null; trashed: boolean },
  ): Promise<boolean> {
    if (!caller.rights.has('asset.read')) return asset.userId === caller.userId && !asset.trashed;
    if (asset.entityId === null) return false;
    if (caller.scope.includes(asset.entityId)) return true;
    return asset.recursive === true && (await this.tree.tree()).ancestorsOf(caller.entityId).includes(asset.entityId);
  }

  /** A change needs the right and the asset in the caller's scope; an asset he cannot see is not found. */
  async assertMayChange(caller: Caller, state: AssetState, assetType: AssetType, right: Right): Promise<void> {
    const visible =
      state.assetId !== null &&
      !state.purged &&
      state.assetType === assetType &&
      (await this.sees(caller, {
        entityId: state.entityId,
        recursive: state.fields.recursive,
        userId: state.fields.userId,
        trashed: state.trashed,
      }));
    if (!visible) throw new DomainError('not_found', `no ${assetType} by that id`);
    if (!caller.rights.has(right)) throw new DomainError('forbidden', `this needs ${right}`);
    if (!caller.scope.includes(state.entityId!)) {
      throw new DomainError('forbidden', `entity ${state.entityId} is outside your scope`);
    }
  }
}
