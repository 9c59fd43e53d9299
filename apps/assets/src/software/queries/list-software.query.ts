import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IdField, PageQuery } from '@itsm/runtime';

export class ListSoftwareQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'part of the name, any case' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  name?: string;
}

/** "Which computers have X (version Y)". */
export class ListInstallationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'only this version of the software' })
  @IsOptional()
  @IdField('the version')
  versionId?: string;

  @ApiPropertyOptional({ description: 'only the computers of this entity (of your scope)' })
  @IsOptional()
  @IdField('the entity')
  entityId?: string;
}
