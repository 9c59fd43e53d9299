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
  // a query string: no control characters, no fragment
  @Matches(/^[^\u0000-\u001f#]*$/)
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
