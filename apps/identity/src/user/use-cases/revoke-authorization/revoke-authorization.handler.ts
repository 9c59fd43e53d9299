import { DomainError } from '@itsm/domain';

import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller, assertReachable } from '@itsm/auth';
import { EventSourcedCommands } from '@itsm/runtime';
import { IdentityDirectory } from '../../../shared/identity-directory';
import { userDecider, userStreamId } from '../../user.decider';

export class RevokeAuthorizationCommand extends Command<void> {
  constructor(
    readonly caller: Caller,
    readonly userId: string,
    readonly authorizationId: string,
  ) {
    super();
  }
}

@CommandHandler(RevokeAuthorizationCommand)
export class RevokeAuthorizationHandler implements ICommandHandler<RevokeAuthorizationCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly directory: IdentityDirectory,
  ) {}

  async execute({ caller, userId, authorizationId }: RevokeAuthorizationCommand) {
    if (userId === caller.userId) throw new DomainError('forbidden', 'you cannot revoke your own authorizations');
    const user = await this.directory.manageableUser(caller, userId);
    const held = user.authorizations.find((authorization) => authorization.authorizationId === authorizationId);
    if (!held) throw new DomainError('not_found', `the user holds no authorization ${authorizationId}`);
    assertReachable(caller, await this.directory.entityTree(), held.entityId, held.recursive);
    await this.commands.execute(
      userDecider,
      userStreamId(userId),
      { type: 'revoke-authorization', authorizationId },
      commandMetadata(caller, held.entityId),
    );
  }
}
