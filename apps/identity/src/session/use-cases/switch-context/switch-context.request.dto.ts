import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export class SwitchContextRequestDto {
  @ApiProperty({ example: 'technician' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  profileId!: string;

  @ApiProperty({ example: 'root' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  entityId!: string;
}
