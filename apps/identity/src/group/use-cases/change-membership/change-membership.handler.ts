import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import { EventSourcedCommands } from '@itsm/runtime';
import { IdentityDirectory } from '../../../shared/identity-directory';
import { groupDecider, groupStreamId } from '../../group.decider';

export class ChangeMembershipCommand extends Command<void> {
  constructor(
    readonly caller: Caller,
    readonly groupId: string,
    readonly userId: string,
    readonly change: 'add' | 'remove',
  ) {
    super();
  }
}

@CommandHandler(ChangeMembershipCommand)
export class ChangeMembershipHandler implements ICommandHandler<ChangeMembershipCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly directory: IdentityDirectory,
  ) {}

  async execute({ caller, groupId, userId, change }: ChangeMembershipCommand) {
    const group = await this.directory.visibleGroup(caller, groupId);
    if (change === 'add') await this.directory.visibleUser(caller, userId);
    await this.commands.execute(
      groupDecider,
      groupStreamId(groupId),
      { type: change === 'add' ? 'add-member' : 'remove-member', userId },
      commandMetadata(caller, group.entityId),
    );
  }
}
