import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class AddSolutionRequestDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(65_535)
  content!: string;

  @ApiPropertyOptional({ example: 'Intervention à distance' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  solutionType?: string;
}
