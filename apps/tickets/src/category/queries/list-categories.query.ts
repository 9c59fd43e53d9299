import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Caller } from '@itsm/auth';
import { contains, PageQuery, pageOf } from '@itsm/runtime';
import { CategoryCatalogue } from '../category-catalogue';
import type { CategoryListDoc } from '../read-models/category-list.projection';

export class ListCategoriesQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) name?: string;
}

const categoryView = ({
  categoryId,
  name,
  parentId,
  entityId,
  recursive,
  forIncidents,
  forRequests,
}: CategoryListDoc) => ({
  categoryId,
  name,
  parentId,
  entityId,
  recursive,
  forIncidents,
  forRequests,
});

/** ITIL categories the caller sees: of their entities, and recursive ones above. */
@Injectable()
export class CategoryQueries {
  constructor(private readonly catalogue: CategoryCatalogue) {}

  async list(caller: Caller, query: ListCategoriesQuery) {
    const visible = await this.catalogue.visibleFilter(caller);
    const filter = query.name ? { $and: [visible, { name: contains(query.name) }] } : visible;
    return pageOf(await this.catalogue.collection(), filter, query, 'name', categoryView);
  }

  /** A category just created by the caller: it exists, whatever their scope. */
  async created(categoryId: string) {
    return categoryView((await (await this.catalogue.collection()).findOne({ categoryId }))!);
  }
}
