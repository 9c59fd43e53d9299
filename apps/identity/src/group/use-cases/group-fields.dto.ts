import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

/** Left out, or else valid: null is no name nor boolean (IsOptional would let it through). */
const Omittable = () => ValidateIf((_, value) => value !== undefined);

/** Group fields shared by creation and update (all optional on update). */
export class GroupFieldsDto {
  @ApiPropertyOptional({ example: 'Support niveau 1' })
  @Omittable()
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
  @Omittable()
  @IsBoolean()
  recursive?: boolean;

  @ApiPropertyOptional({ default: true }) @Omittable() @IsBoolean() isRequester?: boolean;
  @ApiPropertyOptional({ default: true }) @Omittable() @IsBoolean() isObserver?: boolean;
  @ApiPropertyOptional({ default: true }) @Omittable() @IsBoolean() isAssignee?: boolean;
}
