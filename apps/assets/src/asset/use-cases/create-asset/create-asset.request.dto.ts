import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IdField } from '@itsm/runtime';
import { AssetFieldsDto } from '../asset-fields.dto';

export class CreateAssetRequestDto extends AssetFieldsDto {
  @ApiPropertyOptional({ description: 'default: the caller’s active entity' })
  @IsOptional()
  @IdField('entityId')
  entityId?: string;
}
