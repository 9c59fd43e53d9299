import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';

/** Left out, or else valid: null is no mode nor number (IsOptional would let it through). */
const Omittable = () => ValidateIf((_, value) => value !== undefined);

export class EntitySettingsDto {
  @ApiPropertyOptional({ enum: ['inherit', 'never', 'days'], description: 'how solved tickets close' })
  @Omittable()
  @IsIn(['inherit', 'never', 'days'])
  autoCloseMode?: 'inherit' | 'never' | 'days';

  @ApiPropertyOptional({ minimum: 0, maximum: 99, description: 'days after the solution (0 = at once)' })
  @Omittable()
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

/** The settings a request names: the DTO instance holds every declared field, undefined when left out. */
export function namedSettings(settings: EntitySettingsDto | undefined): EntitySettingsDto | undefined {
  return settings && Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}
