import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { EntitySettingsDto } from '../entity-settings.dto';

export class CreateEntityRequestDto {
  @ApiProperty({ example: 'Direction des systèmes d’information' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name!: string;

  @ApiProperty({ example: 'root' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  parentId!: string;

  @ApiPropertyOptional({ type: EntitySettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => EntitySettingsDto)
  settings?: EntitySettingsDto;
}
