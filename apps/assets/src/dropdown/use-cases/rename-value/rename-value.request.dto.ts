import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class RenameValueRequestDto {
  @ApiProperty({ example: 'Dell Inc.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name!: string;
}
