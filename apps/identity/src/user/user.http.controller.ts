import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { Idempotent, IdParam, SmallBody } from '@itsm/runtime';
import { ListUsersQuery, UserQueries } from './queries/list-users.query';
import { ChangePasswordCommand } from './use-cases/change-password/change-password.handler';
import { ChangePasswordRequestDto } from './use-cases/change-password/change-password.request.dto';
import { EraseUserCommand } from './use-cases/erase-user/erase-user.handler';
import { GrantAuthorizationCommand } from './use-cases/grant-authorization/grant-authorization.handler';
import { GrantAuthorizationRequestDto } from './use-cases/grant-authorization/grant-authorization.request.dto';
import { RegisterUserCommand } from './use-cases/register-user/register-user.handler';
import { RegisterUserRequestDto } from './use-cases/register-user/register-user.request.dto';
import { RevokeAuthorizationCommand } from './use-cases/revoke-authorization/revoke-authorization.handler';
import { SetUserActiveCommand } from './use-cases/set-user-active/set-user-active.handler';
import { UpdateUserCommand } from './use-cases/update-user/update-user.handler';
import { UpdateUserRequestDto } from './use-cases/update-user/update-user.request.dto';

class AuthorizationParams extends IdParam {
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  authorizationId!: string;
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UserHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: UserQueries,
  ) {}

  @Get()
  @RequireRights('user.read')
  list(@CurrentCaller() caller: Caller, @Query() query: ListUsersQuery) {
    return this.queries.list(caller, query);
  }

  @Get(':id')
  @RequireRights('user.read')
  get(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    return this.queries.get(caller, id);
  }

  @Post()
  @RequireRights('user.write')
  @Idempotent()
  async register(@CurrentCaller() caller: Caller, @Body() body: RegisterUserRequestDto) {
    const { userId } = await this.commandBus.execute(new RegisterUserCommand(caller, body));
    return this.queries.get(caller, userId);
  }

  /** Users may edit their own details; others' need user.write (checked with the target's rights). */
  @Patch(':id')
  async update(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: UpdateUserRequestDto) {
    await this.commandBus.execute(new UpdateUserCommand(caller, id, body));
    return this.queries.get(caller, id);
  }

  @Post(':id/password')
  @HttpCode(204)
  @SmallBody()
  async changePassword(
    @CurrentCaller() caller: Caller,
    @Param() { id }: IdParam,
    @Body() body: ChangePasswordRequestDto,
  ) {
    await this.commandBus.execute(new ChangePasswordCommand(caller, id, body));
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @RequireRights('user.write')
  async deactivate(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    await this.commandBus.execute(new SetUserActiveCommand(caller, id, false));
    return this.queries.get(caller, id);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @RequireRights('user.write')
  async reactivate(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    await this.commandBus.execute(new SetUserActiveCommand(caller, id, true));
    return this.queries.get(caller, id);
  }

  /** GDPR: personal data removed everywhere, the user kept in history under a pseudonym. */
  @Post(':id/erase')
  @HttpCode(200)
  @RequireRights('user.write')
  async erase(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    await this.commandBus.execute(new EraseUserCommand(caller, id));
    return this.queries.get(caller, id);
  }

  @Get(':id/authorizations')
  @RequireRights('user.read')
  authorizations(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    return this.queries.authorizations(caller, id);
  }

  @Post(':id/authorizations')
  @RequireRights('user.write')
  @Idempotent()
  async grant(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: GrantAuthorizationRequestDto) {
    await this.commandBus.execute(new GrantAuthorizationCommand(caller, id, body));
    return this.queries.authorizations(caller, id);
  }

  @Delete(':id/authorizations/:authorizationId')
  @HttpCode(204)
  @RequireRights('user.write')
  async revoke(@CurrentCaller() caller: Caller, @Param() { id, authorizationId }: AuthorizationParams) {
    await this.commandBus.execute(new RevokeAuthorizationCommand(caller, id, authorizationId));
  }
}
