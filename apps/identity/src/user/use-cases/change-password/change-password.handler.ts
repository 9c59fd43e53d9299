import { DomainError } from '@itsm/domain';

import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import { EventSourcedCommands } from '@itsm/runtime';
import { AccountStore } from '../../../credentials/account.store';
import { PasswordHasher } from '../../../credentials/password-hasher';
import { IdentityDirectory } from '../../../shared/identity-directory';
import { SessionStore } from '../../../session/session.store';
import { userDecider, userStreamId } from '../../user.decider';
import type { ChangePasswordRequestDto } from './change-password.request.dto';

export class ChangePasswordCommand extends Command<void> {
  constructor(
    readonly caller: Caller,
    readonly userId: string,
    readonly request: ChangePasswordRequestDto,
  ) {
    super();
  }
}

/** The hash goes to the account store; the event only says that the password changed, and by whom. */
@CommandHandler(ChangePasswordCommand)
export class ChangePasswordHandler implements ICommandHandler<ChangePasswordCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly directory: IdentityDirectory,
    private readonly accounts: AccountStore,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionStore,
  ) {}

  async execute({ caller, userId, request }: ChangePasswordCommand) {
    const user = await this.directory.manageableUser(caller, userId);
    const self = userId === caller.userId;
    if (self) {
      const account = await this.accounts.findByLogin(user.login);
      if (!request.currentPassword)
        throw new DomainError('rule', 'currentPassword is required to change your own password');
      if (!(await this.hasher.verify(account?.passwordHash, request.currentPassword))) {
        throw new DomainError('forbidden', 'currentPassword is wrong');
      }
    }
    await this.accounts.setPassword(userId, await this.hasher.hash(request.password));
    await this.commands.execute(
      userDecider,
      userStreamId(userId),
      { type: 'record-password-change', changedBy: self ? 'self' : 'administrator' },
      commandMetadata(caller, user.defaultEntityId),
    );
    await this.sessions.revokeAllOf(userId);
  }
}
