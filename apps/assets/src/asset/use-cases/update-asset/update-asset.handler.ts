import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller, SystemCaller } from '@itsm/auth';
import type { AssetFields, AssetType, OperatingSystem } from '@itsm/contracts';
import { AssetReferences } from '../../access/asset-references';
import { AssetWorkflow } from '../../access/asset-workflow';
import type { ChangeSource } from '../../asset-lifecycle.part';
import type { AssetState } from '../../asset.state';

export class UpdateAssetCommand extends Command<AssetState> {
  constructor(
    readonly caller: Caller | SystemCaller,
    /** null: whatever the asset's type (inventory, imports) */
    readonly assetType: AssetType | null,
    readonly assetId: string,
    readonly changes: AssetFields,
    readonly source: ChangeSource = 'person',
    /** a computer's operating system (asset.update v2: an import's OS columns) */
    readonly operatingSystem?: OperatingSystem,
  ) {
    super();
  }
}

/** A person's edit (asset.write; it locks the fields of a dynamic asset), or an inventory's. */
@CommandHandler(UpdateAssetCommand)
export class UpdateAssetHandler implements ICommandHandler<UpdateAssetCommand> {
  constructor(
    private readonly workflow: AssetWorkflow,
    private readonly references: AssetReferences,
  ) {}

  execute({ caller, assetType, assetId, changes, source, operatingSystem }: UpdateAssetCommand) {
    return this.workflow.run(caller, { assetType, assetId, right: 'asset.write' }, async (asset) => {
      await this.references.assertUsable(asset.assetType!, asset.entityId!, changes);
      return { type: 'update-asset', changes, source, ...(operatingSystem && { operatingSystem }) };
    });
  }
}
