import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

/** Group fields shared by creation and update (all optional on update). */
export class GroupFieldsDto {
  @ApiPropertyOptional({ example: 'Support niveau 1' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name?: string;

  @ApiPropertyOptional({ nullable: true, description: 'parent group' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  parentId?: string | null;

  @ApiPropertyOptional({ description: 'visible in the sub-entities' })
  @IsOptional()
  @IsBoolean()
  recursive?: boolean;

  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() isRequester?: boolean;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() isObserver?: boolean;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() isAssignee?: boolean;
}
