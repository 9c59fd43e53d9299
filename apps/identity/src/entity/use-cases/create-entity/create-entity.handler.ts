import { DomainError } from '@itsm/domain';

import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, EntityTreeReader, type Caller } from '@itsm/auth';
import { EventSourcedCommands, newId } from '@itsm/runtime';
import { IdentityDirectory } from '../../../shared/identity-directory';
import { entityDecider, entityStreamId } from '../../entity.decider';
import { namedSettings } from '../entity-settings.dto';
import type { CreateEntityRequestDto } from './create-entity.request.dto';

export class CreateEntityCommand extends Command<{ entityId: string }> {
  constructor(
    readonly caller: Caller,
    readonly request: CreateEntityRequestDto,
  ) {
    super();
  }
}

@CommandHandler(CreateEntityCommand)
export class CreateEntityHandler implements ICommandHandler<CreateEntityCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly directory: IdentityDirectory,
    private readonly scopeTree: EntityTreeReader,
  ) {}

  async execute({ caller, request }: CreateEntityCommand) {
    await this.directory.visibleEntity(caller, request.parentId);
    if (!caller.recursive) {
      // the new entity would sit outside a non-recursive scope at once
      throw new DomainError('forbidden', 'creating a sub-entity needs a recursive authorization on its parent');
    }
    const entityId = newId();
    await this.commands.execute(
      entityDecider,
      entityStreamId(entityId),
      {
        type: 'create-entity',
        entityId,
        name: request.name,
        parentId: request.parentId,
        settings: namedSettings(request.settings),
      },
      commandMetadata(caller, entityId),
    );
    this.scopeTree.invalidate(); // scopes computed from now on include the change
    return { entityId };
  }
}
