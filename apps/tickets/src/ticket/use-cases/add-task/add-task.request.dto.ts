import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { IdField } from '@itsm/runtime';

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

  @ApiPropertyOptional({ nullable: true, format: 'date-time' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true })
  plannedBegin?: string | null;

  @ApiPropertyOptional({ nullable: true, format: 'date-time' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true })
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
