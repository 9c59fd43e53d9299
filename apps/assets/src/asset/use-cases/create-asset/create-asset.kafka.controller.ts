import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, ValidateNested } from 'class-validator';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { ASSET_TYPES, type AssetType } from '@itsm/contracts';
import { CreateAssetCommand } from './create-asset.handler';
import { CreateAssetRequestDto } from './create-asset.request.dto';
import { OperatingSystemDto } from './operating-system.dto';

/**
 * POST /api/<type>'s body with the type it names, and (version 2) a computer's operating system:
 * an import's OS columns, set as GLPI's Data Injection sets them (not locked against inventory).
 */
export class CreateAssetCommandDto extends CreateAssetRequestDto {
  @IsIn(ASSET_TYPES)
  assetType!: AssetType;

  @ApiPropertyOptional({ type: OperatingSystemDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => OperatingSystemDto)
  operatingSystem?: OperatingSystemDto;
}

/** `asset.create` on itsm.assets.commands: imports record assets the way POST /api/computers does. */
@Controller()
export class CreateAssetKafkaController {
  constructor(private readonly commandBus: CommandBus) {}

  // <string>: the untyped overload, the data being typed (and validated) by the DTO
  @EventPattern<string>('asset.create')
  @RequireRights('asset.write')
  create(@CurrentCaller() caller: Caller, @Payload() body: CreateAssetCommandDto) {
    const { assetType, entityId = caller.entityId, operatingSystem, ...fields } = body;
    return this.commandBus.execute(new CreateAssetCommand(caller, { assetType, entityId, fields, operatingSystem }));
  }
}
