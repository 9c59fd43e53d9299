import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IdField, PageQuery } from '@itsm/runtime';

export class ListLicensesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'only the licences of this software' })
  @IsOptional()
  @IdField('the software')
  softwareId?: string;

  @ApiPropertyOptional({ description: 'part of the name, any case' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  name?: string;
}
