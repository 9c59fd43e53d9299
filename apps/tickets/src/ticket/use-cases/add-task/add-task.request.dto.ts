import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
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
} from 'class-validator';
import { IdField, IsInstant } from '@itsm/runtime';

const PLANNED = (what: string) =>
  `planned ${what}: an RFC 3339 date-time with its offset (2026-01-31T09:30:00Z); with its pair or both null`;

/** Task fields; all optional on update, content required on creation (see AddTaskRequestDto). */
export class TaskFieldsDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(65_535) content?: string;

  @ApiPropertyOptional({ minimum: 0, description: 'time spent, in minutes' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  durationMinutes?: number;

  @ApiPropertyOptional({ enum: ['todo', 'done'] }) @IsOptional() @IsIn(['todo', 'done']) state?: 'todo' | 'done';

  @ApiPropertyOptional({ nullable: true, format: 'date-time', description: PLANNED('start') })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInstant()
  plannedBegin?: string | null;

  @ApiPropertyOptional({ nullable: true, format: 'date-time', description: PLANNED('end, not before the start') })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInstant()
  plannedEnd?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IdField('technicianId')
  technicianId?: string | null;

  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() private?: boolean;
}

export class AddTaskRequestDto extends TaskFieldsDto {
  @ApiProperty({ example: 'Prise en main à distance du poste' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(65_535)
  declare content: string;
}
