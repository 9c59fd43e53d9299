import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { Idempotent, IdParam, SmallBody } from '@itsm/runtime';
import { GroupQueries, ListGroupsQuery } from './queries/list-groups.query';
import { AddMemberRequestDto } from './use-cases/change-membership/add-member.request.dto';
import { ChangeMembershipCommand } from './use-cases/change-membership/change-membership.handler';
import { CreateGroupCommand } from './use-cases/create-group/create-group.handler';
import { CreateGroupRequestDto } from './use-cases/create-group/create-group.request.dto';
import { GroupFieldsDto } from './use-cases/group-fields.dto';
import { UpdateGroupCommand } from './use-cases/update-group/update-group.handler';

class MemberParams extends IdParam {
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  userId!: string;
}

@ApiTags('groups')
@ApiBearerAuth()
@Controller('api/groups')
export class GroupHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: GroupQueries,
  ) {}

  @Get()
  @RequireRights('group.read')
  list(@CurrentCaller() caller: Caller, @Query() query: ListGroupsQuery) {
    return this.queries.list(caller, query);
  }

  @Get(':id')
  @RequireRights('group.read')
  get(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    return this.queries.get(caller, id);
  }

  @Post()
  @RequireRights('group.write')
  @Idempotent()
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateGroupRequestDto) {
    const { groupId } = await this.commandBus.execute(new CreateGroupCommand(caller, body));
    return this.queries.get(caller, groupId);
  }

  @Patch(':id')
  @RequireRights('group.write')
  async update(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: GroupFieldsDto) {
    await this.commandBus.execute(new UpdateGroupCommand(caller, id, body));
    return this.queries.get(caller, id);
  }

  @Post(':id/members')
  @HttpCode(200)
  @SmallBody()
  @RequireRights('group.write')
  async addMember(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: AddMemberRequestDto) {
    await this.commandBus.execute(new ChangeMembershipCommand(caller, id, body.userId, 'add'));
    return this.queries.get(caller, id);
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  @RequireRights('group.write')
  async removeMember(@CurrentCaller() caller: Caller, @Param() { id, userId }: MemberParams) {
    await this.commandBus.execute(new ChangeMembershipCommand(caller, id, userId, 'remove'));
  }
}
