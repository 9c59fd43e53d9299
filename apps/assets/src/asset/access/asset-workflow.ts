import { Injectable } from '@nestjs/common';
import { commandMetadata, isSystemCaller, type Caller, type SystemCaller } from '@itsm/auth';
import type { AssetType } from '@itsm/contracts';
import { DomainError, type Right } from '@itsm/domain';
import { EventSourcedCommands } from '@itsm/runtime';
import { assetDecider, assetStreamId, type AssetCommand } from '../asset.decider';
import type { AssetState } from '../asset.state';
import { AssetAccess } from './asset-access';

/** What a use case asks of the asset it reaches, once it sees its state. */
export type AssetRequest = (asset: AssetState) => AssetCommand | Promise<AssetCommand>;

/**
 * Every command on an existing asset: one read of its stream, rights and scope checked on the
 * state it gives (an asset of another type, or out of reach, is not found), one append.
 */
@Injectable()
export class AssetWorkflow {
  constructor(
    private readonly access: AssetAccess,
    private readonly commands: EventSourcedCommands,
  ) {}

  async run(
    caller: Caller | SystemCaller,
    target: { assetType: AssetType | null; assetId: string; right: Right },
    request: AssetRequest,
  ): Promise<AssetState> {
    const { state } = await this.commands.executeOnState(assetDecider, assetStreamId(target.assetId), async (asset) => {
      if (isSystemCaller(caller)) {
        if (asset.assetId === null) throw new DomainError('not_found', `no asset ${target.assetId}`);
      } else {
        await this.access.assertMayChange(caller, asset, target.assetType ?? asset.assetType!, target.right);
      }
      return { commands: [await request(asset)], metadata: commandMetadata(caller, asset.entityId!) };
    });
    return state;
  }
}
