import { DomainError } from '@itsm/domain';

import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import type { MongoEventStore } from '@itsm/eventsourcing';
import { EVENT_STORE, EventSourcedCommands } from '@itsm/runtime';
import { Inject } from '@nestjs/common';
import { AccountStore } from '../../../credentials/account.store';
import { IdentityDirectory } from '../../../shared/identity-directory';
import { SessionStore } from '../../../session/session.store';
import { userDecider, userStreamId } from '../../user.decider';
import { pseudonymOf, withoutPersonalData } from './personal-data';

export class EraseUserCommand extends Command<void> {
  constructor(
    readonly caller: Caller,
    readonly userId: string,
  ) {
    super();
  }
}

/**
 * GDPR erasure: the user stays in history (tickets keep their requester) under a pseudonym.
 * `user.erased` tells every consumer to forget; here the sessions end, the account goes and the
 * stored events and snapshots of the user's stream are rewritten without the personal data. Every
 * step is idempotent (erasing an erased user records nothing, the pseudonym is derived from the
 * id): an erasure cut off half-way is run again, the same way, to its end.
 */
@CommandHandler(EraseUserCommand)
export class EraseUserHandler implements ICommandHandler<EraseUserCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly directory: IdentityDirectory,
    private readonly accounts: AccountStore,
    private readonly sessions: SessionStore,
    @Inject(EVENT_STORE) private readonly store: MongoEventStore,
  ) {}

  async execute({ caller, userId }: EraseUserCommand) {
    if (userId === caller.userId) throw new DomainError('rule', 'you cannot erase yourself');
    const user = await this.directory.manageableUser(caller, userId);
    const pseudonym = pseudonymOf(userId);
    await this.commands.execute(
      userDecider,
      userStreamId(userId),
      { type: 'erase-user', pseudonym },
      commandMetadata(caller, user.defaultEntityId),
    );
    await this.sessions.revokeAllOf(userId);
    await this.accounts.erase(userId);
    await this.store.redactStream(userStreamId(userId), (event) => withoutPersonalData(event, pseudonym));
  }
}
