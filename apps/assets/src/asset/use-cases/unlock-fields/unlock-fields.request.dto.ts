import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn } from 'class-validator';
import { ASSET_FIELD_NAMES, type AssetFieldName } from '@itsm/contracts';

export class UnlockFieldsRequestDto {
  @ApiProperty({ type: [String], enum: ASSET_FIELD_NAMES, description: 'the locked fields to give back to inventory' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(ASSET_FIELD_NAMES.length)
  @IsIn(ASSET_FIELD_NAMES, { each: true })
  fields!: AssetFieldName[];
}
