import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern, Payload } from '@nestjs/microservices';
import { IsBoolean, IsOptional } from 'class-validator';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { IdField } from '@itsm/runtime';
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
}

/** `user.update` on itsm.identity.commands: imports update users the way PATCH /api/users/:id does. */
@Controller()
export class UpdateUserKafkaController {
  constructor(private readonly commandBus: CommandBus) {}

  @EventPattern<string>('user.update')
  @RequireRights('user.write')
  async update(@CurrentCaller() caller: Caller, @Payload() body: UpdateUserCommandDto) {
    const { userId, active, ...details } = body;
    await this.commandBus.execute(new UpdateUserCommand(caller, userId, details));
    if (active !== undefined) await this.commandBus.execute(new SetUserActiveCommand(caller, userId, active));
    return { userId };
  }
}
