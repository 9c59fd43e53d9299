import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IdField, IsInstant } from '@itsm/runtime';

export class InstallSoftwareRequestDto {
  @IdField('the software')
  softwareId!: string;

  @IdField('the version of the software')
  versionId!: string;

  @ApiPropertyOptional({ description: 'installation date (RFC 3339)', example: '2026-01-05T08:00:00Z' })
  @IsOptional()
  @IsInstant()
  installedAt?: string;
}
