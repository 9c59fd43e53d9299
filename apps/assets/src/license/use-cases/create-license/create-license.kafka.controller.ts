import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { CreateLicenseCommand } from './create-license.handler';
import { CreateLicenseRequestDto } from './create-license.request.dto';

/** `license.create` on itsm.assets.commands: a licenses import records licences as POST /api/licenses does. */
@Controller()
export class CreateLicenseKafkaController {
  constructor(private readonly commandBus: CommandBus) {}

  @EventPattern<string>('license.create')
  @RequireRights('license.write')
  create(@CurrentCaller() caller: Caller, @Payload() body: CreateLicenseRequestDto) {
    // a redelivered command is answered from its stored result: one licence
    return this.commandBus.execute(new CreateLicenseCommand(caller, body));
  }
}
