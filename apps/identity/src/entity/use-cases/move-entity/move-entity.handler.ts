import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, EntityTreeReader, type Caller } from '@itsm/auth';
import { EventSourcedCommands } from '@itsm/runtime';
import { IdentityDirectory } from '../../../shared/identity-directory';
import { entityDecider, entityStreamId } from '../../entity.decider';

export class MoveEntityCommand extends Command<void> {
  constructor(
    readonly caller: Caller,
    readonly entityId: string,
    readonly parentId: string,
  ) {
    super();
  }
}

@CommandHandler(MoveEntityCommand)
export class MoveEntityHandler implements ICommandHandler<MoveEntityCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly directory: IdentityDirectory,
    private readonly scopeTree: EntityTreeReader,
  ) {}

  async execute({ caller, entityId, parentId }: MoveEntityCommand) {
    await this.directory.visibleEntity(caller, entityId);
    await this.directory.visibleEntity(caller, parentId);
    const tree = await this.directory.entityTree();
    const parentLineage = [parentId, ...tree.ancestorsOf(parentId)];
    await this.commands.execute(
      entityDecider,
      entityStreamId(entityId),
      { type: 'move-entity', parentId, parentLineage },
      commandMetadata(caller, entityId),
    );
    this.scopeTree.invalidate(); // scopes computed from now on include the change
  }
}
