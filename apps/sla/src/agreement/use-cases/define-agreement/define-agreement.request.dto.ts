import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IdField } from '@itsm/runtime';

const ACTIONS = ['notify-assignees', 'notify-group', 'raise-priority', 'assign-group'] as const;

export class EscalationActionDto {
  @ApiProperty({ enum: ACTIONS }) @IsIn(ACTIONS) type!: (typeof ACTIONS)[number];

  @ApiPropertyOptional({ description: 'the group, for notify-group and assign-group' })
  // required by the group actions; checked on the others too when given (the handler looks it up)
  @ValidateIf(
    (action: EscalationActionDto) =>
      action.type === 'notify-group' || action.type === 'assign-group' || action.groupId !== undefined,
  )
  @IdField('groupId')
  groupId?: string;
}

export class EscalationLevelDto {
  @ApiProperty({ example: 'Alerte 30 min' }) @IsString() @IsNotEmpty() @MaxLength(255) name!: string;

  @ApiProperty({
    example: -30,
    description: 'minutes from the deadline: negative before (warning), 0 at it (breach), positive after (escalation)',
  })
  @IsInt()
  @Min(-366 * 24 * 60)
  @Max(366 * 24 * 60)
  offsetMinutes!: number;

  @ApiProperty({ type: [EscalationActionDto] })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => EscalationActionDto)
  actions!: EscalationActionDto[];
}

/** An agreement's terms, as a PUT replaces them whole: its type and kind must stay what they are. */
export class AgreementTermsDto {
  @ApiProperty({ example: 'TTR incidents 8 h ouvrées' }) @IsString() @IsNotEmpty() @MaxLength(255) name!: string;
  @ApiProperty({ enum: ['sla', 'ola'], description: 'SLA, or internal OLA' }) @IsIn(['sla', 'ola']) agreement!:
    | 'sla'
    | 'ola';
  @ApiProperty({ enum: ['tto', 'ttr'], description: 'time to own or to resolve' }) @IsIn(['tto', 'ttr']) kind!:
    | 'tto'
    | 'ttr';
  @ApiProperty({ example: 8 }) @IsInt() @Min(1) @Max(527_040) duration!: number;
  @ApiProperty({ enum: ['minutes', 'hours', 'days'] }) @IsIn(['minutes', 'hours', 'days']) unit!:
    | 'minutes'
    | 'hours'
    | 'days';

  @ApiPropertyOptional({ description: 'business calendar; absent or null = 24/7', nullable: true })
  @IsOptional()
  @IdField('calendarId')
  calendarId?: string | null;

  @ApiPropertyOptional({
    default: false,
    description: 'no calendarId: use the default calendar of the ticket’s entity (24/7 when it has none)',
  })
  @IsOptional()
  @IsBoolean()
  useEntityCalendar?: boolean;

  @ApiPropertyOptional({ type: [EscalationLevelDto], description: 'a breach level at 0 is added when none is given' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => EscalationLevelDto)
  levels?: EscalationLevelDto[];
}

export class DefineAgreementRequestDto extends AgreementTermsDto {
  @ApiPropertyOptional({ description: 'default: the caller’s active entity' })
  @IsOptional()
  @IdField('entityId')
  entityId?: string;

  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() recursive?: boolean;
}
