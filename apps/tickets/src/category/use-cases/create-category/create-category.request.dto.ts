import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IdField } from '@itsm/runtime';

export class CreateCategoryRequestDto {
  @ApiProperty({ example: 'Panne matérielle' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IdField('parentId')
  parentId?: string;

  @ApiPropertyOptional({ description: 'default: the caller’s active entity' })
  @IsOptional()
  @IdField('entityId')
  entityId?: string;

  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() recursive?: boolean;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() forIncidents?: boolean;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() forRequests?: boolean;
}
