import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller, SystemCaller } from '@itsm/auth';
import type { AssetType } from '@itsm/contracts';
import { AssetWorkflow } from '../../access/asset-workflow';
import type { AssetState } from '../../asset.state';

export class TrashAssetCommand extends Command<AssetState> {
  constructor(
    readonly caller: Caller | SystemCaller,
    readonly assetType: AssetType | null,
    readonly assetId: string,
  ) {
    super();
  }
}

/** GLPI's "Mettre à la corbeille": the asset leaves the lists, its history stays. Needs asset.delete. */
@CommandHandler(TrashAssetCommand)
export class TrashAssetHandler implements ICommandHandler<TrashAssetCommand> {
  constructor(private readonly workflow: AssetWorkflow) {}

  execute({ caller, assetType, assetId }: TrashAssetCommand) {
    return this.workflow.run(caller, { assetType, assetId, right: 'asset.delete' }, () => ({ type: 'trash-asset' }));
  }
}
