import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IdField } from '@itsm/runtime';

export class ActorRefDto {
  @ApiProperty({ enum: ['user', 'group'] })
  @IsIn(['user', 'group'])
  kind!: 'user' | 'group';

  @IdField('the user or group')
  id!: string;
}

export class LinkedItemDto {
  @ApiProperty({ example: 'printer' })
  @IsString()
  @MaxLength(64)
  itemType!: string;

  @IdField('the asset')
  itemId!: string;
}

export const SOURCES = ['helpdesk', 'email', 'phone', 'direct', 'written', 'other'] as const;

/** Fields both the opening form and PATCH accept. */
export class TicketDetailsDto {
  @ApiPropertyOptional({ enum: SOURCES })
  @IsOptional()
  @IsIn(SOURCES)
  source?: (typeof SOURCES)[number];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(255)
  location?: string | null;

  @ApiPropertyOptional({ type: [LinkedItemDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => LinkedItemDto)
  items?: LinkedItemDto[];
}
