import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { contains, PageQuery, pageOf } from '@itsm/runtime';
import { CategoryCatalogue } from './category-catalogue';
import type { CategoryListDoc } from './read-models/category-list.projection';
import { CreateCategoryCommand } from './use-cases/create-category/create-category.handler';
import { CreateCategoryRequestDto } from './use-cases/create-category/create-category.request.dto';

class ListCategoriesQuery extends PageQuery {
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

/** "Intitulés > Catégories ITIL". */
@ApiTags('itil-categories')
@ApiBearerAuth()
@Controller('api/itil-categories')
export class CategoryHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly catalogue: CategoryCatalogue,
  ) {}

  @Get()
  @RequireRights('ticket.create')
  async list(@CurrentCaller() caller: Caller, @Query() query: ListCategoriesQuery) {
    const visible = await this.catalogue.visibleFilter(caller);
    const filter = query.name ? { $and: [visible, { name: contains(query.name) }] } : visible;
    return pageOf(await this.catalogue.collection(), filter, query, 'name', categoryView);
  }

  @Post()
  @RequireRights('category.write')
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateCategoryRequestDto) {
    const { categoryId } = await this.commandBus.execute(new CreateCategoryCommand(caller, body));
    return categoryView((await (await this.catalogue.collection()).findOne({ categoryId }))!);
  }
}
