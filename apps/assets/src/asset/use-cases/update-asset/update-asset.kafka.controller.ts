import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { IdField } from '@itsm/runtime';
import { UpdateAssetCommand } from './update-asset.handler';
import { UpdateAssetRequestDto } from './update-asset.request.dto';

/** PATCH /api/<type>/:id's body with the asset it changes. */
export class UpdateAssetCommandDto extends UpdateAssetRequestDto {
  @IdField('assetId')
  assetId!: string;
}

/** `asset.update` on itsm.assets.commands: imports change assets the way PATCH /api/computers/:id does. */
@Controller()
export class UpdateAssetKafkaController {
  constructor(private readonly commandBus: CommandBus) {}

  @EventPattern<string>('asset.update')
  @RequireRights('asset.write')
  async update(@CurrentCaller() caller: Caller, @Payload() body: UpdateAssetCommandDto) {
    const { assetId, ...changes } = body;
    await this.commandBus.execute(new UpdateAssetCommand(caller, null, assetId, changes));
    return { assetId };
  }
}
