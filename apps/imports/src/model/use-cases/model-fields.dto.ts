import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IdField } from '@itsm/runtime';
import { DELIMITER, DELIMITER_RULE, ENCODINGS } from '../domain/import-options';
import { TARGET_TYPES, type TargetType } from '../domain/target-fields';
import { DATE_FORMATS, FLOAT_FORMATS, type DateFormat, type FloatFormat } from '../../run/domain/csv-values';

/** A model's options; each one left out keeps Data Injection's default (or the model's current value). */
export class ImportOptionsDto {
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() allowCreation?: boolean;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() allowUpdate?: boolean;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() allowDropdownCreation?: boolean;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() overwriteNonEmptyFields?: boolean;
  @ApiPropertyOptional({ enum: DATE_FORMATS, default: 'yyyy-mm-dd' })
  @IsOptional()
  @IsIn(DATE_FORMATS)
  dateFormat?: DateFormat;
  @ApiPropertyOptional({ enum: FLOAT_FORMATS, default: 'dot' })
  @IsOptional()
  @IsIn(FLOAT_FORMATS)
  floatFormat?: FloatFormat;
  @ApiPropertyOptional({ default: ';' })
  @IsOptional()
  @IsString()
  @Matches(DELIMITER, { message: `delimiter is ${DELIMITER_RULE}` })
  delimiter?: string;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() headerPresent?: boolean;
  @ApiPropertyOptional({ enum: ENCODINGS, default: 'auto' })
  @IsOptional()
  @IsIn(ENCODINGS)
  encoding?: (typeof ENCODINGS)[number];
  @ApiPropertyOptional({ enum: ['replace', 'append'], default: 'append' })
  @IsOptional()
  @IsIn(['replace', 'append'])
  multilineValues?: 'replace' | 'append';
}

export class MappedColumnDto {
  @ApiProperty({ example: 'Numero de serie' }) @IsString() @IsNotEmpty() @MaxLength(255) column!: string;
  @ApiProperty({ nullable: true, example: 'serial', description: 'null: the column is ignored' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  field!: string | null;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() linkField?: boolean;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() mandatory?: boolean;
}

export class AdditionalFieldDto {
  @ApiProperty({ example: 'location' }) @IsString() @IsNotEmpty() @MaxLength(64) field!: string;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() mandatory?: boolean;
}

/** A model as created; a change (ChangeModelRequestDto) gives any of its fields but the entity. */
export class CreateModelRequestDto {
  @ApiProperty({ example: 'Import_ordinateurs' }) @IsString() @IsNotEmpty() @MaxLength(255) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10_000) comment?: string;
  @ApiPropertyOptional({ description: 'default: the caller’s active entity' })
  @IsOptional()
  @IdField('entityId')
  entityId?: string;
  @ApiPropertyOptional({ default: false, description: 'sub-entities see the model too' })
  @IsOptional()
  @IsBoolean()
  recursive?: boolean;
  @ApiPropertyOptional({ default: true, description: 'only its owner sees it (GLPI’s default)' })
  @IsOptional()
  @IsBoolean()
  private?: boolean;
  @ApiProperty({ enum: TARGET_TYPES }) @IsIn(TARGET_TYPES) targetType!: TargetType;
  @ApiPropertyOptional({ type: ImportOptionsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ImportOptionsDto)
  options?: ImportOptionsDto;
  @ApiProperty({ type: [MappedColumnDto], description: 'the columns of the file, in order' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => MappedColumnDto)
  mapping!: MappedColumnDto[];
  @ApiPropertyOptional({ type: [AdditionalFieldDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AdditionalFieldDto)
  additionalFields?: AdditionalFieldDto[];
}

export class ChangeModelRequestDto extends PartialType(OmitType(CreateModelRequestDto, ['entityId'] as const)) {}
