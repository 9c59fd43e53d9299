import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern, Payload } from '@nestjs/microservices';
import { IsIn } from 'class-validator';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { ASSET_TYPES, type AssetType } from '@itsm/contracts';
import { CreateAssetCommand } from './create-asset.handler';
import { CreateAssetRequestDto } from './create-asset.request.dto';

/** POST /api/<type>'s body with the type it names. */
export class CreateAssetCommandDto extends CreateAssetRequestDto {
  @IsIn(ASSET_TYPES)
  assetType!: AssetType;
}

/** `asset.create` on itsm.assets.commands: imports record assets the way POST /api/computers does. */
@Controller()
export class CreateAssetKafkaController {
  constructor(private readonly commandBus: CommandBus) {}

  // <string>: the untyped overload, the data being typed (and validated) by the DTO
  @EventPattern<string>('asset.create')
  @RequireRights('asset.write')
  create(@CurrentCaller() caller: Caller, @Payload() body: CreateAssetCommandDto) {
    const { assetType, entityId = caller.entityId, ...fields } = body;
    return this.commandBus.execute(new CreateAssetCommand(caller, { assetType, entityId, fields }));
  }
}
