import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IdField } from '@itsm/runtime';
import { LicenseTermsDto } from '../license-terms.dto';

/**
 * The terms without PATCH's optional name and seats: a creation needs both, and an inherited
 * @IsOptional would let one without them through (class-validator skips a property's other
 * checks, @IsDefined included, once an @IsOptional of it sees it missing).
 */
export class CreateLicenseRequestDto extends OmitType(LicenseTermsDto, ['name', 'seats'] as const) {
  @IdField('the software')
  softwareId!: string;

  @ApiPropertyOptional({ description: 'the version it covers; none: any version' })
  @IsOptional()
  @IdField('the version')
  versionId?: string;

  @ApiProperty({ example: 'Office 2021 - 25 postes' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name!: string;

  @ApiProperty({ description: 'seats bought; -1 unlimited', example: 25 })
  @IsInt()
  @Min(-1)
  @Max(10_000_000)
  seats!: number;

  @ApiPropertyOptional({ description: 'default: the caller’s active entity' })
  @IsOptional()
  @IdField('entityId')
  entityId?: string;

  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() recursive?: boolean;
}
