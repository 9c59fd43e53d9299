import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
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
import { IdField, IsCalendarDay } from '@itsm/runtime';

const HH_MM = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export class OpeningRangeDto {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday!: number;

  @ApiProperty({ example: '08:00' }) @Matches(HH_MM, { message: 'start must be HH:mm' }) start!: string;
  @ApiProperty({ example: '17:00' }) @Matches(HH_MM, { message: 'end must be HH:mm (24:00 allowed)' }) end!: string;
}

export class HolidayDto {
  @ApiProperty({ example: 'Noël' }) @IsString() @IsNotEmpty() @MaxLength(255) name!: string;
  @ApiProperty({ example: '2026-12-25', format: 'date', description: 'first closed day (YYYY-MM-DD)' })
  @IsCalendarDay()
  start!: string;

  @ApiProperty({ example: '2026-12-25', format: 'date', description: 'last closed day (YYYY-MM-DD)' })
  @IsCalendarDay()
  end!: string;
  @ApiProperty({ description: 'repeats every year' }) @IsBoolean() yearly!: boolean;
}

/** A calendar, whole: PUT replaces it. */
export class CalendarDefinitionDto {
  @ApiProperty({ example: 'Heures ouvrées' }) @IsString() @IsNotEmpty() @MaxLength(255) name!: string;
  @ApiProperty({ example: 'Europe/Paris' }) @IsString() @IsNotEmpty() @MaxLength(64) timeZone!: string;

  @ApiProperty({ type: [OpeningRangeDto] })
  @IsArray()
  @ArrayMaxSize(70)
  @ValidateNested({ each: true })
  @Type(() => OpeningRangeDto)
  openingHours!: OpeningRangeDto[];

  @ApiProperty({ type: [HolidayDto] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => HolidayDto)
  holidays!: HolidayDto[];
}

export class CreateCalendarRequestDto extends CalendarDefinitionDto {
  @ApiPropertyOptional({ description: 'default: the caller’s active entity' })
  @IsOptional()
  @IdField('entityId')
  entityId?: string;

  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() recursive?: boolean;
}
