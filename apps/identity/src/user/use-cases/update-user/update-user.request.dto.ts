import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, ValidateIf } from 'class-validator';
import { USER_LANGUAGES, type UserLanguage } from '@itsm/contracts';
import { UserDetailsDto } from '../user-details.dto';

/** What PATCH /api/users/:id accepts; anything else (passwordHash, authorizations…) is a 400. */
export class UpdateUserRequestDto extends UserDetailsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  defaultEntityId?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  defaultProfileId?: string | null;

  /** the screens' language; null lets the browser choose */
  @ApiPropertyOptional({ nullable: true, enum: USER_LANGUAGES })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsIn(USER_LANGUAGES)
  language?: UserLanguage | null;
}
