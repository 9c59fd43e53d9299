import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PasswordField } from '../password';

export class ChangePasswordRequestDto {
  @PasswordField('the new password')
  password!: string;

  @ApiPropertyOptional({ description: 'required when users change their own password' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  currentPassword?: string;
}
