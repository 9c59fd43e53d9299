import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { EntitySettingsDto } from '../entity-settings.dto';

export class UpdateEntityRequestDto {
  @ApiPropertyOptional()
  // left out, or else a name: null is none (IsOptional would let it through)
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name?: string;

  @ApiPropertyOptional({ type: EntitySettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => EntitySettingsDto)
  settings?: EntitySettingsDto;
}
