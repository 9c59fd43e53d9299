import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, ValidateIf } from 'class-validator';
import { ID_PATTERN } from '@itsm/runtime';
import { LicenseTermsDto } from '../license-terms.dto';

/** PATCH: the terms, and the version of its software the licence covers (its software stays). */
export class ChangeLicenseRequestDto extends LicenseTermsDto {
  @ApiPropertyOptional({ nullable: true, description: 'the version of its software it covers; null: any version' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Matches(ID_PATTERN, { message: 'versionId must be 1 to 64 letters, digits, _ or -' })
  versionId?: string | null;
}
