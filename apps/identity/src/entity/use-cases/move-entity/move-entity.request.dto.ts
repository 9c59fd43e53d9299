import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export class MoveEntityRequestDto {
  @ApiProperty({ description: 'the new parent entity' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  parentId!: string;
}
