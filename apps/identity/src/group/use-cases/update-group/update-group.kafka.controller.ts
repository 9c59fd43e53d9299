import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ApiProperty } from '@nestjs/swagger';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { IdField } from '@itsm/runtime';
import { GroupFieldsDto } from '../group-fields.dto';
import { UpdateGroupCommand } from './update-group.handler';

/** PATCH /api/groups/:id's body, with the group it changes. */
export class UpdateGroupCommandDto extends GroupFieldsDto {
  @ApiProperty() @IdField('groupId') groupId!: string;
}

/** `group.update` on itsm.identity.commands: imports change groups the way PATCH /api/groups/:id does. */
@Controller()
export class UpdateGroupKafkaController {
  constructor(private readonly commandBus: CommandBus) {}

  @EventPattern<string>('group.update')
  @RequireRights('group.write')
  async update(@CurrentCaller() caller: Caller, @Payload() { groupId, ...changes }: UpdateGroupCommandDto) {
    // the handler takes the fields the command holds: those it left out are not in `changes`
    await this.commandBus.execute(new UpdateGroupCommand(caller, groupId, changes));
    return { groupId };
  }
}
