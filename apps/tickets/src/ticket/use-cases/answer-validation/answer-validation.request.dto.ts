import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class AnswerValidationRequestDto {
  @ApiProperty({ enum: ['accepted', 'refused'] })
  @IsIn(['accepted', 'refused'])
  decision!: 'accepted' | 'refused';

  @ApiPropertyOptional({ description: 'required when refusing' })
  @IsOptional()
  @IsString()
  @MaxLength(65_535)
  comment?: string;
}
