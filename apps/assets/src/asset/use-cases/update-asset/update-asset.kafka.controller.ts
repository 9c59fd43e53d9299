import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { IdField } from '@itsm/runtime';
import { UpdateAssetCommand } from './update-asset.handler';
import { OperatingSystemDto } from '../create-asset/operating-system.dto';
import { UpdateAssetRequestDto } from './update-asset.request.dto';

/**
 * PATCH /api/<type>/:id's body with the asset it changes, and (version 2) a computer's operating
 * system: an import's OS columns, set as at a creation (not locked against inventory).
 */
export class UpdateAssetCommandDto extends UpdateAssetRequestDto {
  @IdField('assetId')
  assetId!: string;

  @ApiPropertyOptional({ type: OperatingSystemDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => OperatingSystemDto)
  operatingSystem?: OperatingSystemDto;
}

/** `asset.update` on itsm.assets.commands: imports change assets the way PATCH /api/computers/:id does. */
@Controller()
export class UpdateAssetKafkaController {
  constructor(private readonly commandBus: CommandBus) {}

  @EventPattern<string>('asset.update')
  @RequireRights('asset.write')
  async update(@CurrentCaller() caller: Caller, @Payload() body: UpdateAssetCommandDto) {
    const { assetId, operatingSystem, ...changes } = body;
    await this.commandBus.execute(new UpdateAssetCommand(caller, null, assetId, changes, 'person', operatingSystem));
    return { assetId };
  }
}
