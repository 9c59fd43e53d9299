import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { Idempotent, IdParam, SmallBody } from '@itsm/runtime';
import { EntityQueries, ListEntitiesQuery } from './queries/list-entities.query';
import { CreateEntityCommand } from './use-cases/create-entity/create-entity.handler';
import { CreateEntityRequestDto } from './use-cases/create-entity/create-entity.request.dto';
import { MoveEntityCommand } from './use-cases/move-entity/move-entity.handler';
import { MoveEntityRequestDto } from './use-cases/move-entity/move-entity.request.dto';
import { UpdateEntityCommand } from './use-cases/update-entity/update-entity.handler';
import { UpdateEntityRequestDto } from './use-cases/update-entity/update-entity.request.dto';

@ApiTags('entities')
@ApiBearerAuth()
@Controller('api/entities')
export class EntityHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: EntityQueries,
  ) {}

  @Get()
  @RequireRights('entity.read')
  list(@CurrentCaller() caller: Caller, @Query() query: ListEntitiesQuery) {
    return this.queries.list(caller, query);
  }

  @Get(':id')
  @RequireRights('entity.read')
  get(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    return this.queries.get(caller, id);
  }

  @Post()
  @RequireRights('entity.write')
  @Idempotent()
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateEntityRequestDto) {
    const { entityId } = await this.commandBus.execute(new CreateEntityCommand(caller, body));
    return this.queries.get({ ...caller, scope: [...caller.scope, entityId] }, entityId);
  }

  @Patch(':id')
  @RequireRights('entity.write')
  async update(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: UpdateEntityRequestDto) {
    await this.commandBus.execute(new UpdateEntityCommand(caller, id, body));
    return this.queries.get(caller, id);
  }

  @Post(':id/move')
  @HttpCode(200)
  @SmallBody()
  @RequireRights('entity.write')
  async move(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: MoveEntityRequestDto) {
    await this.commandBus.execute(new MoveEntityCommand(caller, id, body.parentId));
    return this.queries.get(caller, id);
  }
}
