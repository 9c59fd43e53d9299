import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';

export class EntitySettingsDto {
  @ApiPropertyOptional({ enum: ['inherit', 'never', 'days'], description: 'how solved tickets close' })
  @IsOptional()
  @IsIn(['inherit', 'never', 'days'])
  autoCloseMode?: 'inherit' | 'never' | 'days';

  @ApiPropertyOptional({ minimum: 0, maximum: 99, description: 'days after the solution (0 = at once)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(99)
  autoCloseDelayDays?: number;

  @ApiPropertyOptional({ nullable: true, description: 'default business calendar; null inherits' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  calendarId?: string | null;
}
