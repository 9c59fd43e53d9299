import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { RightsField } from '../rights.dto';

export class CreateProfileRequestDto {
  @ApiProperty({ example: 'Technicien réseau' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name!: string;

  @ApiProperty({ enum: ['central', 'helpdesk'] })
  @IsIn(['central', 'helpdesk'])
  interface!: 'central' | 'helpdesk';

  @RightsField()
  rights!: string[];
}
