import { DomainError } from '@itsm/domain';

import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import { EventSourcedCommands } from '@itsm/runtime';
import { IdentityDirectory } from '../../../shared/identity-directory';
import { SessionStore } from '../../../session/session.store';
import { userDecider, userStreamId } from '../../user.decider';

export class SetUserActiveCommand extends Command<void> {
  constructor(
    readonly caller: Caller,
    readonly userId: string,
    readonly active: boolean,
  ) {
    super();
  }
}

@CommandHandler(SetUserActiveCommand)
export class SetUserActiveHandler implements ICommandHandler<SetUserActiveCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly directory: IdentityDirectory,
    private readonly sessions: SessionStore,
  ) {}

  async execute({ caller, userId, active }: SetUserActiveCommand) {
    if (userId === caller.userId) throw new DomainError('rule', 'you cannot deactivate or reactivate yourself');
    const user = await this.directory.manageableUser(caller, userId);
    const command = { type: active ? ('reactivate-user' as const) : ('deactivate-user' as const) };
    await this.commands.execute(
      userDecider,
      userStreamId(userId),
      command,
      commandMetadata(caller, user.defaultEntityId),
    );
    if (!active) await this.sessions.revokeAllOf(userId);
  }
}
