import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@itsm/auth';
import type { AssetType } from '@itsm/contracts';
import { DomainError } from '@itsm/domain';
import { AssetReferences } from '../../access/asset-references';
import { AssetWorkflow } from '../../access/asset-workflow';
import type { AssetState } from '../../asset.state';

export class TransferAssetCommand extends Command<AssetState> {
  constructor(
    readonly caller: Caller,
    readonly assetType: AssetType,
    readonly assetId: string,
    readonly entityId: string,
  ) {
    super();
  }
}

/**
 * GLPI's "Transférer": the asset moves to another entity. Needs asset.write on the asset's entity
 * and the target in the caller's scope; the values it names (catalogues, user, groups) must be
 * usable there, else the refusal names them, as at its creation.
 */
@CommandHandler(TransferAssetCommand)
export class TransferAssetHandler implements ICommandHandler<TransferAssetCommand> {
  constructor(
    private readonly workflow: AssetWorkflow,
    private readonly references: AssetReferences,
  ) {}

  execute({ caller, assetType, assetId, entityId }: TransferAssetCommand) {
    return this.workflow.run(caller, { assetType, assetId, right: 'asset.write' }, async (asset) => {
      if (!caller.scope.includes(entityId)) {
        throw new DomainError('forbidden', `entity ${entityId} is outside your scope`);
      }
      await this.references.assertUsable(assetType, entityId, asset.fields);
      return { type: 'transfer-asset', entityId };
    });
  }
}
