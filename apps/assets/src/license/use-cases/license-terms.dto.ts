import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsInstant } from '@itsm/runtime';

/** The terms of a licence, each optional: what PATCH takes, and what creation adds to. */
export class LicenseTermsDto {
  @ApiPropertyOptional({ example: 'Office 2021 - 25 postes' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(255)
  serial?: string | null;

  @ApiPropertyOptional({ description: 'seats bought; -1 unlimited', example: 25 })
  @IsOptional()
  @IsInt()
  @Min(-1)
  @Max(10_000_000)
  seats?: number;

  @ApiPropertyOptional({ nullable: true, description: 'expiry (RFC 3339); null: never' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInstant()
  expiresAt?: string | null;

  @ApiPropertyOptional({ description: 'more computers than seats may be assigned', default: false })
  @IsOptional()
  @IsBoolean()
  overQuotaAllowed?: boolean;
}

/** An instant as events carry it (UTC), or null. */
export const utcOrNull = (value: string | null | undefined): string | null | undefined =>
  value == null ? value : new Date(value).toISOString();
