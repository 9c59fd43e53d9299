import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, isSystemCaller, type Caller, type SystemCaller } from '@itsm/auth';
import type { AssetFields, AssetType, OperatingSystem } from '@itsm/contracts';
import { DomainError } from '@itsm/domain';
import { EventSourcedCommands, newId } from '@itsm/runtime';
import { AssetReferences } from '../../access/asset-references';
import { assetDecider, assetStreamId } from '../../asset.decider';

export interface CreateAssetRequest {
  assetType: AssetType;
  entityId: string;
  fields: AssetFields;
  /** fed by an inventory agent */
  dynamic?: boolean;
  /** a computer's operating system, set by a person (an import's OS columns) */
  operatingSystem?: OperatingSystem;
}

export class CreateAssetCommand extends Command<{ assetId: string }> {
  constructor(
    readonly caller: Caller | SystemCaller,
    readonly request: CreateAssetRequest,
  ) {
    super();
  }
}

/** A person (asset.write in the entity) or the platform (seed, inventory) records an asset. */
@CommandHandler(CreateAssetCommand)
export class CreateAssetHandler implements ICommandHandler<CreateAssetCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly references: AssetReferences,
  ) {}

  async execute({ caller, request }: CreateAssetCommand) {
    const { assetType, entityId, fields, operatingSystem } = request;
    if (!isSystemCaller(caller)) {
      if (!caller.rights.has('asset.write')) throw new DomainError('forbidden', 'creating an asset needs asset.write');
      if (!caller.scope.includes(entityId)) {
        throw new DomainError('forbidden', `entity ${entityId} is outside your scope`);
      }
    }
    await this.references.assertUsable(assetType, entityId, fields);
    // within a request with an Idempotency-Key, the same id at every retry (see Idempotent)
    const assetId = newId();
    await this.commands.execute(
      assetDecider,
      assetStreamId(assetId),
      {
        type: 'create-asset',
        assetId,
        assetType,
        entityId,
        dynamic: request.dynamic ?? false,
        fields,
        ...(operatingSystem ? { operatingSystem } : {}),
      },
      commandMetadata(caller, entityId),
      { newStream: true },
    );
    return { assetId };
  }
}
