import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IdField } from '@itsm/runtime';

export class AddValueRequestDto {
  @ApiProperty({ example: 'Dell Inc.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name!: string;

  @ApiPropertyOptional({ description: 'default: the caller’s active entity' })
  @IsOptional()
  @IdField('entityId')
  entityId?: string;

  @ApiPropertyOptional({ default: true, description: 'usable in the sub-entities' })
  @IsOptional()
  @IsBoolean()
  recursive?: boolean;

  @ApiPropertyOptional({ description: 'locations only: the parent location' })
  @IsOptional()
  @IdField('parentId')
  parentId?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Accueil au rez-de-chaussée' })
  @ValidateIf((_dto, value) => value !== null && value !== undefined)
  @IsString()
  @MaxLength(65_535)
  comment?: string | null;
}
