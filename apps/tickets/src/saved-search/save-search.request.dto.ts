import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** What POST /api/saved-searches accepts. */
export class SaveSearchRequestDto {
  @ApiProperty({ example: 'Pannes matérielles non closes' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({
    example: 'status=notold&categoryId=0193…',
    description: "the list's criteria, as its address holds them",
  })
  @IsString()
  @MaxLength(2000)
  // a query string as URLSearchParams writes it: printable ASCII, the rest percent-encoded
  @Matches(/^[\x21-\x7e]*$/)
  query!: string;

  @ApiPropertyOptional({ default: false, description: "shared in the caller's active entity" })
  @IsOptional()
  @IsBoolean()
  shared?: boolean;

  @ApiPropertyOptional({ default: false, description: 'shared with the sub-entities too' })
  @IsOptional()
  @IsBoolean()
  recursive?: boolean;
}
