import { Injectable } from '@nestjs/common';
import type { Caller } from '@itsm/auth';
import { DomainError } from '@itsm/domain';
import { ProjectionRegistry } from '@itsm/runtime';
import type { AssetType } from '@itsm/contracts';
import { AssetAccess } from '../asset/access/asset-access';
import { assetListProjection, type AssetListDoc } from '../asset/read-models/asset-list.projection';

/** An asset as software, licences and tickets need it: seen by the caller, or changed by them. */
@Injectable()
export class AssetLookup {
  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly access: AssetAccess,
  ) {}

  /** The asset, or 404 when the caller may not see it (or it is of another type). */
  async visible(caller: Caller, assetId: string, assetType: AssetType = 'computer'): Promise<AssetListDoc> {
    const assets = await this.projections.collection<AssetListDoc>(assetListProjection.name);
    const asset = await assets.findOne({ assetId });
    if (!asset || asset.assetType !== assetType || !(await this.access.sees(caller, asset))) {
      throw new DomainError('not_found', `no ${assetType} ${assetId} you can see`);
    }
    return asset;
  }

  /** The computer, of the caller's scope and out of the trash: what a software or a licence seat is given to. */
  async changeable(caller: Caller, computerId: string, field = 'computerId'): Promise<AssetListDoc> {
    const computer = await this.visible(caller, computerId);
    if (!caller.scope.includes(computer.entityId)) {
      throw new DomainError('forbidden', `entity ${computer.entityId} is outside your scope`);
    }
    if (computer.trashed) {
      const message = `computer ${computer.name ?? computerId} is in the trash`;
      throw new DomainError('rule', `${field}: ${message}`, { errors: [{ field, message }] });
    }
    return computer;
  }
}
