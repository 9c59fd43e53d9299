import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import { EventSourcedCommands, newId } from '@itsm/runtime';
import { IdentityDirectory } from '../../../shared/identity-directory';
import { groupDecider, groupStreamId } from '../../group.decider';
import type { CreateGroupRequestDto } from './create-group.request.dto';

export class CreateGroupCommand extends Command<{ groupId: string }> {
  constructor(
    readonly caller: Caller,
    readonly request: CreateGroupRequestDto,
  ) {
    super();
  }
}

@CommandHandler(CreateGroupCommand)
export class CreateGroupHandler implements ICommandHandler<CreateGroupCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly directory: IdentityDirectory,
  ) {}

  async execute({ caller, request }: CreateGroupCommand) {
    const entityId = request.entityId ?? caller.entityId;
    await this.directory.visibleEntity(caller, entityId);
    if (request.parentId) await this.directory.visibleGroup(caller, request.parentId);
    const groupId = newId();
    await this.commands.execute(
      groupDecider,
      groupStreamId(groupId),
      {
        type: 'create-group',
        groupId,
        entityId,
        name: request.name,
        parentId: request.parentId ?? null,
        recursive: request.recursive ?? false,
        isRequester: request.isRequester ?? true,
        isObserver: request.isObserver ?? true,
        isAssignee: request.isAssignee ?? true,
      },
      commandMetadata(caller, entityId),
    );
    return { groupId };
  }
}
