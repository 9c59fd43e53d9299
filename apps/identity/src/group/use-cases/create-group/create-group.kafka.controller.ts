import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { CreateGroupCommand } from './create-group.handler';
import { CreateGroupRequestDto } from './create-group.request.dto';

/** `group.create` on itsm.identity.commands: imports create groups the way POST /api/groups does. */
@Controller()
export class CreateGroupKafkaController {
  constructor(private readonly commandBus: CommandBus) {}

  // <string>: the untyped overload, the data being typed (and validated) by the DTO
  @EventPattern<string>('group.create')
  @RequireRights('group.write')
  create(@CurrentCaller() caller: Caller, @Payload() body: CreateGroupRequestDto) {
    return this.commandBus.execute(new CreateGroupCommand(caller, body));
  }
}
