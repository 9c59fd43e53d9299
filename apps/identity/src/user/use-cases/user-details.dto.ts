import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
} from 'class-validator';

/** Left out, or else valid: null is no name nor list (IsOptional would let it through). */
const Omittable = () => ValidateIf((_, value) => value !== undefined);

/** Personal fields shared by creation and update (all optional on update). */
export class UserDetailsDto {
  @ApiPropertyOptional({ example: 'Bertrand' })
  @Omittable()
  @IsString()
  @MaxLength(255)
  firstName?: string;

  @ApiPropertyOptional({ example: 'BLIER' })
  @Omittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  lastName?: string;

  @ApiPropertyOptional({ type: [String], example: ['bertrand.blier@example.org'] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEmail({}, { each: true })
  emails?: string[];

  @ApiPropertyOptional({ nullable: true, example: '01 23 45 67 89' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(64)
  phone?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'Bâtiment A, 2e étage' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(255)
  location?: string | null;
}
