import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { CreateCategoryCommand } from './create-category.handler';
import { CreateCategoryRequestDto } from './create-category.request.dto';

/** `category.create` on itsm.tickets.commands: an ITIL categories import creates them as POST /api/itil-categories does. */
@Controller()
export class CreateCategoryKafkaController {
  constructor(private readonly commandBus: CommandBus) {}

  // <string>: the untyped overload, the data being typed (and validated) by the DTO
  @EventPattern<string>('category.create')
  @RequireRights('category.write')
  create(@CurrentCaller() caller: Caller, @Payload() body: CreateCategoryRequestDto) {
    // a redelivered command is answered from its stored result: no key needed here
    return this.commandBus.execute(new CreateCategoryCommand(caller, body));
  }
}
