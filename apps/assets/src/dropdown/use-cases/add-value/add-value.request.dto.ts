import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
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
}
