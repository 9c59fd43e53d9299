import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class AddFollowupRequestDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(65_535)
  content!: string;

  @ApiPropertyOptional({ default: false, description: 'hidden from self-service users' })
  @IsOptional()
  @IsBoolean()
  private?: boolean;
}
