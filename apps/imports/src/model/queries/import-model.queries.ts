import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Caller } from '@itsm/auth';
import { contains, PageQuery, pageOf } from '@itsm/runtime';
import { TARGET_TYPES, type TargetType } from '../domain/target-fields';
import { ImportModelCatalogue } from '../import-model-catalogue';
import type { ImportModelDoc } from '../read-models/import-model.projection';

export class ListModelsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) name?: string;
  @ApiPropertyOptional({ enum: TARGET_TYPES }) @IsOptional() @IsIn(TARGET_TYPES) targetType?: TargetType;
}

const modelView = ({ _id, _sequence, ...model }: ImportModelDoc & { _id?: unknown; _sequence?: unknown }) => model;

@Injectable()
export class ImportModelQueries {
  constructor(private readonly catalogue: ImportModelCatalogue) {}

  async list(caller: Caller, query: ListModelsQuery) {
    const filters: object[] = [await this.catalogue.visibleFilter(caller)];
    if (query.name) filters.push({ name: contains(query.name) });
    if (query.targetType) filters.push({ targetType: query.targetType });
    return pageOf(await this.catalogue.collection(), { $and: filters }, query, 'name', modelView);
  }

  async get(caller: Caller, modelId: string) {
    return modelView(await this.catalogue.visible(caller, modelId));
  }
}
