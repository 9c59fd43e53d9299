import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches } from 'class-validator';

export class GrantAuthorizationRequestDto {
  @ApiProperty({ example: 'technician' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  profileId!: string;

  @ApiProperty({ example: 'root' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  entityId!: string;

  @ApiPropertyOptional({ default: true, description: 'reaches the sub-entities too (GLPI default)' })
  @IsOptional()
  @IsBoolean()
  recursive?: boolean;
}
