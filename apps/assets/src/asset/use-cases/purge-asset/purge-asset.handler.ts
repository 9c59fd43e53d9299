import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller, SystemCaller } from '@itsm/auth';
import type { AssetType } from '@itsm/contracts';
import { AssetWorkflow } from '../../access/asset-workflow';
import type { AssetState } from '../../asset.state';

export class PurgeAssetCommand extends Command<AssetState> {
  constructor(
    readonly caller: Caller | SystemCaller,
    readonly assetType: AssetType | null,
    readonly assetId: string,
  ) {
    super();
  }
}

/** Removes an asset in the trash for good (GLPI purges from the trash only). Needs asset.delete. */
@CommandHandler(PurgeAssetCommand)
export class PurgeAssetHandler implements ICommandHandler<PurgeAssetCommand> {
  constructor(private readonly workflow: AssetWorkflow) {}

  execute({ caller, assetType, assetId }: PurgeAssetCommand) {
    return this.workflow.run(caller, { assetType, assetId, right: 'asset.delete' }, () => ({ type: 'purge-asset' }));
  }
}
