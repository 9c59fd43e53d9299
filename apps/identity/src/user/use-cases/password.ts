import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** Passwords set through the API: 8 to 128 characters (argon2 takes any length; the cap bounds the work). */
export const PasswordField = (description: string) =>
  applyDecorators(ApiProperty({ description, minLength: 8, maxLength: 128 }), IsString(), MinLength(8), MaxLength(128));
