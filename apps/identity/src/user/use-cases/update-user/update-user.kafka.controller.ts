import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { IsBoolean, IsOptional } from 'class-validator';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { IdField, type KafkaCommandContext } from '@itsm/runtime';
import { GroupIdsField, GroupsToJoin } from '../../../group/use-cases/change-membership/groups-to-join';
import { SetUserActiveCommand } from '../set-user-active/set-user-active.handler';
import { UserDetailsDto } from '../user-details.dto';
import { UpdateUserCommand } from './update-user.handler';

/** The details PATCH /api/users/:id changes, the user they are of, and whether the user is active. */
export class UpdateUserCommandDto extends UserDetailsDto {
  @IdField('userId')
  userId!: string;

  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @GroupIdsField('the groups the user joins (v2): an import’s group column')
  groupIds?: string[];
}

/**
 * `user.update` on itsm.identity.commands: imports update users the way PATCH /api/users/:id does,
 * and (v2) make them join groups the way POST /api/groups/:id/members does.
 */
@Controller()
export class UpdateUserKafkaController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly groups: GroupsToJoin,
  ) {}

  @EventPattern<string>('user.update')
  @RequireRights('user.write')
  async update(
    @CurrentCaller() caller: Caller,
    @Payload() body: UpdateUserCommandDto,
    @Ctx() context: KafkaCommandContext,
  ) {
    const { userId, active, groupIds, ...details } = body;
    // before the user is changed: a group refused changes nothing
    await this.groups.assertJoinable(caller, groupIds, context, 2);
    await this.commandBus.execute(new UpdateUserCommand(caller, userId, details));
    if (active !== undefined) await this.commandBus.execute(new SetUserActiveCommand(caller, userId, active));
    await this.groups.join(caller, userId, groupIds);
    return { userId };
  }
}
