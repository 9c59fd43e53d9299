import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller, SystemCaller } from '@itsm/auth';
import type { AssetFieldName, AssetType } from '@itsm/contracts';
import { AssetWorkflow } from '../../access/asset-workflow';
import type { AssetState } from '../../asset.state';

export class UnlockFieldsCommand extends Command<AssetState> {
  constructor(
    readonly caller: Caller | SystemCaller,
    readonly assetType: AssetType | null,
    readonly assetId: string,
    readonly fields: AssetFieldName[],
  ) {
    super();
  }
}

/** GLPI's "Verrous" tab: unlocked fields are the inventory's again. Needs asset.write. */
@CommandHandler(UnlockFieldsCommand)
export class UnlockFieldsHandler implements ICommandHandler<UnlockFieldsCommand> {
  constructor(private readonly workflow: AssetWorkflow) {}

  execute({ caller, assetType, assetId, fields }: UnlockFieldsCommand) {
    return this.workflow.run(caller, { assetType, assetId, right: 'asset.write' }, () => ({
      type: 'unlock-fields',
      fields,
    }));
  }
}
