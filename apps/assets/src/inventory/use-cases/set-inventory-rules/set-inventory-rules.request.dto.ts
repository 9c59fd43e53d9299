import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';

const CRITERIA = ['serial', 'uuid', 'mac', 'name'] as const;

export class ImportRuleDto {
  @ApiProperty({ maxLength: 255 })
  @IsString()
  @Length(1, 255)
  name!: string;

  @ApiProperty({ enum: CRITERIA, isArray: true, description: 'all must be present in the inventory and equal' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsIn(CRITERIA, { each: true })
  criteria!: Array<(typeof CRITERIA)[number]>;
}

export class EntityRuleDto {
  @ApiProperty({ maxLength: 255 })
  @IsString()
  @Length(1, 255)
  name!: string;

  @ApiPropertyOptional({ description: 'the agent tag it matches' })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  tag?: string;

  @ApiPropertyOptional({ description: 'an IPv4 CIDR range, e.g. 10.1.0.0/16' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  ipRange?: string;

  @ApiProperty()
  @IsString()
  @Length(1, 64)
  entityId!: string;
}

/** The whole rule set, replaced at once (GLPI's rules are ordered: the order is the array's). */
export class SetInventoryRulesRequestDto {
  @ApiProperty({ type: [ImportRuleDto], description: 'tried in order; no match creates the computer' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ImportRuleDto)
  importRules!: ImportRuleDto[];

  @ApiProperty({ type: [EntityRuleDto], description: 'tried in order; no match gives the default entity' })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => EntityRuleDto)
  entityRules!: EntityRuleDto[];

  @ApiProperty({ description: 'entity of the computers no entity rule places' })
  @IsString()
  @Length(1, 64)
  defaultEntityId!: string;
}
