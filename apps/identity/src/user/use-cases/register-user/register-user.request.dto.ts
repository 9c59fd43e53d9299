import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches } from 'class-validator';
import { LOGIN_PATTERN } from '../../user.decider';
import { PasswordField } from '../password';
import { UserDetailsDto } from '../user-details.dto';

export class RegisterUserRequestDto extends UserDetailsDto {
  @ApiProperty({ example: 'S1', description: 'unique whatever the case' })
  @IsString()
  @Matches(LOGIN_PATTERN, { message: 'login may hold letters, digits and . _ @ - (at most 100 characters)' })
  login!: string;

  @IsOptional()
  @PasswordField('initial password; without one the user cannot sign in until it is set')
  password?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'entity chosen at sign-in; default: the caller’s active entity' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  defaultEntityId?: string;
}
