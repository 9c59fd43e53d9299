import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import type { KafkaCommandContext } from '@itsm/runtime';
import { GroupIdsField, GroupsToJoin } from '../../../group/use-cases/change-membership/groups-to-join';
import { RegisterUserCommand } from './register-user.handler';
import { RegisterUserRequestDto } from './register-user.request.dto';

/**
 * POST /api/users's body without the password (secrets never travel on Kafka), with the profile the
 * user starts with on their default entity: an import's "default profile" column, granted under the
 * rules of POST /api/users/:id/authorizations, or the user is not registered; and the groups they
 * join (an import's group column), under the rules of POST /api/groups/:id/members.
 */
export class RegisterUserCommandDto extends OmitType(RegisterUserRequestDto, ['password'] as const) {
  @ApiPropertyOptional({ example: 'self-service' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  profileId?: string;

  @GroupIdsField('groups the new user joins (v3): an import’s group column')
  groupIds?: string[];
}

/** `user.register` on itsm.identity.commands: imports register users the way POST /api/users does. */
@Controller()
export class RegisterUserKafkaController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly groups: GroupsToJoin,
  ) {}

  // <string>: the untyped overload, the data being typed (and validated) by the DTO
  @EventPattern<string>('user.register')
  @RequireRights('user.write')
  async register(
    @CurrentCaller() caller: Caller,
    @Payload() { groupIds, ...body }: RegisterUserCommandDto,
    @Ctx() context: KafkaCommandContext,
  ) {
    // before the registration: a group refused registers nobody
    await this.groups.assertJoinable(caller, groupIds, context, 3);
    const { userId } = await this.commandBus.execute(new RegisterUserCommand(caller, body));
    await this.groups.join(caller, userId, groupIds);
    return { userId };
  }
}
