import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, ValidateIf } from 'class-validator';
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
}
