import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { GroupFieldsDto } from '../group-fields.dto';

export class CreateGroupRequestDto extends GroupFieldsDto {
  @ApiProperty({ example: 'Support niveau 1' })
  // replaces the inherited Omittable (class-validator keeps an inherited condition otherwise): required
  @ValidateIf(() => true)
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  declare name: string;

  @ApiPropertyOptional({ description: 'owning entity; default: the caller’s active entity' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  entityId?: string;
}
