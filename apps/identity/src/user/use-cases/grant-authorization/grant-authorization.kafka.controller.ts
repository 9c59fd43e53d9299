import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ApiProperty } from '@nestjs/swagger';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { IdField } from '@itsm/runtime';
import { GrantAuthorizationCommand } from './grant-authorization.handler';
import { GrantAuthorizationRequestDto } from './grant-authorization.request.dto';

/** POST /api/users/:id/authorizations's body, with the user it is for. */
export class GrantAuthorizationCommandDto extends GrantAuthorizationRequestDto {
  @ApiProperty() @IdField('userId') userId!: string;
}

/**
 * `user.grant-authorization` on itsm.identity.commands: imports give users a profile on an entity
 * under exactly the rules of the HTTP route (nobody grants a profile or an entity beyond their own).
 */
@Controller()
export class GrantAuthorizationKafkaController {
  constructor(private readonly commandBus: CommandBus) {}

  @EventPattern<string>('user.grant-authorization')
  @RequireRights('user.write')
  grant(@CurrentCaller() caller: Caller, @Payload() { userId, ...request }: GrantAuthorizationCommandDto) {
    return this.commandBus.execute(new GrantAuthorizationCommand(caller, userId, request));
  }
}
