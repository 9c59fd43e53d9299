import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { EntitySettingsDto } from '../entity-settings.dto';

export class UpdateEntityRequestDto {
  @ApiPropertyOptional()
  @IsOptional()
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
