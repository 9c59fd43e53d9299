import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ID_PATTERN, IdField } from '@itsm/runtime';

export class RuleCriteriaDto {
  @ApiPropertyOptional({ enum: ['incident', 'request'], isArray: true, description: 'empty or absent: any' })
  @IsOptional()
  @IsArray()
  @IsIn(['incident', 'request'], { each: true })
  types?: Array<'incident' | 'request'>;

  @ApiPropertyOptional({ type: [String], description: 'ITIL categories; empty or absent: any' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(ID_PATTERN, { each: true, message: 'categoryIds must be ids' })
  categoryIds?: string[];

  @ApiPropertyOptional({ type: [Number], description: 'priorities 1-6; empty or absent: any' })
  @IsOptional()
  @IsArray()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(6, { each: true })
  priorities?: number[];
}

/** A rule's terms, as a PUT replaces them whole (its entity stays). */
export class RuleTermsDto {
  @ApiProperty({ example: 'Incidents matériels' }) @IsString() @IsNotEmpty() @MaxLength(255) name!: string;

  @ApiPropertyOptional({ default: 100, description: 'rules are tried lowest rank first; the first match wins' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  rank?: number;

  @ApiPropertyOptional({ type: RuleCriteriaDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RuleCriteriaDto)
  criteria?: RuleCriteriaDto;

  @ApiProperty({ type: [String], description: 'SLAs and OLAs given; at most one per SLA/OLA x TTO/TTR' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @Matches(ID_PATTERN, { each: true, message: 'slaIds must be ids' })
  slaIds!: string[];
}

export class DefineRuleRequestDto extends RuleTermsDto {
  @ApiPropertyOptional({ description: 'default: the caller’s active entity' })
  @IsOptional()
  @IdField('entityId')
  entityId?: string;

  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() recursive?: boolean;
}
