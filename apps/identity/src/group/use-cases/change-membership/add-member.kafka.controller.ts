import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ApiProperty } from '@nestjs/swagger';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { IdField } from '@itsm/runtime';
import { AddMemberRequestDto } from './add-member.request.dto';
import { ChangeMembershipCommand } from './change-membership.handler';

/** POST /api/groups/:id/members's body, with the group it is for. */
export class AddMemberCommandDto extends AddMemberRequestDto {
  @ApiProperty() @IdField('groupId') groupId!: string;
}

/**
 * `group.add-member` on itsm.identity.commands: imports fill groups the way POST
 * /api/groups/:id/members does. A user already a member is accepted with nothing written.
 */
@Controller()
export class AddMemberKafkaController {
  constructor(private readonly commandBus: CommandBus) {}

  @EventPattern<string>('group.add-member')
  @RequireRights('group.write')
  async add(@CurrentCaller() caller: Caller, @Payload() { groupId, userId }: AddMemberCommandDto) {
    await this.commandBus.execute(new ChangeMembershipCommand(caller, groupId, userId, 'add'));
    return { groupId, userId };
  }
}
