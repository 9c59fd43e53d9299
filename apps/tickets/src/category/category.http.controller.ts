import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { Idempotent } from '@itsm/runtime';
import { CategoryQueries, ListCategoriesQuery } from './queries/list-categories.query';
import { CreateCategoryCommand } from './use-cases/create-category/create-category.handler';
import { CreateCategoryRequestDto } from './use-cases/create-category/create-category.request.dto';

/** "Intitulés > Catégories ITIL". */
@ApiTags('itil-categories')
@ApiBearerAuth()
@Controller('api/itil-categories')
export class CategoryHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: CategoryQueries,
  ) {}

  @Get()
  @RequireRights('ticket.create')
  list(@CurrentCaller() caller: Caller, @Query() query: ListCategoriesQuery) {
    return this.queries.list(caller, query);
  }

  @Post()
  @RequireRights('category.write')
  @Idempotent()
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateCategoryRequestDto) {
    const { categoryId } = await this.commandBus.execute(new CreateCategoryCommand(caller, body));
    return this.queries.created(categoryId);
  }
}
