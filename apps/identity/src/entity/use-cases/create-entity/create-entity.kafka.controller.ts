import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern, Payload } from '@nestjs/microservices';
import { OmitType } from '@nestjs/swagger';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { DomainError } from '@itsm/domain';
import { IdentityDirectory } from '../../../shared/identity-directory';
import { CreateEntityCommand } from './create-entity.handler';
import { CreateEntityRequestDto } from './create-entity.request.dto';

/** POST /api/entities's body without the settings: a new entity inherits them, as an import's do. */
export class CreateEntityCommandDto extends OmitType(CreateEntityRequestDto, ['settings'] as const) {}

/**
 * `entity.create` on itsm.identity.commands: imports create entities the way POST /api/entities
 * does. The sender named the parent from its copy of the directory, which holds every entity: one
 * beyond the caller's scope is a refusal of the right (an import's 39), where HTTP hides it (404).
 */
@Controller()
export class CreateEntityKafkaController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly directory: IdentityDirectory,
  ) {}

  @EventPattern<string>('entity.create')
  @RequireRights('entity.write')
  async create(@CurrentCaller() caller: Caller, @Payload() body: CreateEntityCommandDto) {
    if (!caller.scope.includes(body.parentId) && (await this.directory.entityTree()).has(body.parentId)) {
      throw new DomainError('forbidden', `entity ${body.parentId} is beyond your scope`);
    }
    return this.commandBus.execute(new CreateEntityCommand(caller, body));
  }
}
