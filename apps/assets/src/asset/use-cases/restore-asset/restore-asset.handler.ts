import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller, SystemCaller } from '@itsm/auth';
import type { AssetType } from '@itsm/contracts';
import { AssetWorkflow } from '../../access/asset-workflow';
import type { AssetState } from '../../asset.state';

export class RestoreAssetCommand extends Command<AssetState> {
  constructor(
    readonly caller: Caller | SystemCaller,
    readonly assetType: AssetType | null,
    readonly assetId: string,
  ) {
    super();
  }
}

/** Takes the asset out of the trash. Needs asset.delete. */
@CommandHandler(RestoreAssetCommand)
export class RestoreAssetHandler implements ICommandHandler<RestoreAssetCommand> {
  constructor(private readonly workflow: AssetWorkflow) {}

  execute({ caller, assetType, assetId }: RestoreAssetCommand) {
    return this.workflow.run(caller, { assetType, assetId, right: 'asset.delete' }, () => ({ type: 'restore-asset' }));
  }
}
