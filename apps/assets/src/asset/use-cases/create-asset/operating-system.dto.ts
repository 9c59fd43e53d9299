import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsCalendarDay } from '@itsm/runtime';

/** A computer's operating system as a person (an import) gives it: the parts agents report. */
export class OperatingSystemDto {
  @ApiProperty({ example: 'Windows', maxLength: 255 })
  @IsString()
  @Length(1, 255)
  name!: string;

  @ApiPropertyOptional({ example: '11', maxLength: 255 }) @IsOptional() @IsString() @MaxLength(255) version?: string;
  @ApiPropertyOptional({ example: 'Professionnel', maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  edition?: string;
  @ApiPropertyOptional({ example: '64-bit', maxLength: 32 })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  architecture?: string;
  @ApiPropertyOptional({ maxLength: 255 }) @IsOptional() @IsString() @MaxLength(255) kernel?: string;
  @ApiPropertyOptional({ example: '2024-03-18', format: 'date' }) @IsOptional() @IsCalendarDay() installDate?: string;
}
