import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class RefuseSolutionRequestDto {
  @ApiProperty({ description: 'why the solution does not solve it; recorded as a follow-up' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(65_535)
  reason!: string;
}
