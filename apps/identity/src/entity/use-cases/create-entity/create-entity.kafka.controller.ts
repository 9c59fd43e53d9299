import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern, Payload } from '@nestjs/microservices';
import { OmitType } from '@nestjs/swagger';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { CreateEntityCommand } from './create-entity.handler';
import { CreateEntityRequestDto } from './create-entity.request.dto';

/** POST /api/entities's body without the settings: a new entity inherits them, as an import's do. */
export class CreateEntityCommandDto extends OmitType(CreateEntityRequestDto, ['settings'] as const) {}

/**
 * `entity.create` on itsm.identity.commands: imports create entities the way POST /api/entities
 * does, a parent beyond the caller's scope not found (an import's 33) as HTTP hides it (404).
 */
@Controller()
export class CreateEntityKafkaController {
  constructor(private readonly commandBus: CommandBus) {}

  @EventPattern<string>('entity.create')
  @RequireRights('entity.write')
  create(@CurrentCaller() caller: Caller, @Payload() body: CreateEntityCommandDto) {
    return this.commandBus.execute(new CreateEntityCommand(caller, body));
  }
}
