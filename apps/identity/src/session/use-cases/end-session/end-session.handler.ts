import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller, type SessionEndReason, type SystemCaller } from '@itsm/auth';
import { DomainError } from '@itsm/domain';
import { EventSourcedCommands } from '@itsm/runtime';
import { IdentityDirectory } from '../../../shared/identity-directory';
import { userDecider, userStreamId } from '../../../user/user.decider';
import { SessionStore } from '../../session.store';

export class EndSessionCommand extends Command<void> {
  constructor(
    readonly caller: Caller | SystemCaller,
    readonly userId: string,
    readonly sessionId: string,
    readonly reason: SessionEndReason,
  ) {
    super();
  }
}

/**
 * Ends a session everywhere: identity's store refuses its refresh tokens, and user.session-ended
 * voids its access tokens on every service (each guard's revocation list). The two writes are
 * ordered so that a failure between them is mended by what comes next: a sign-out revokes first
 * (the client retries with a token still valid), a reused refresh token records first (the
 * session stays open, so the next use of the token records again).
 */
@CommandHandler(EndSessionCommand)
export class EndSessionHandler implements ICommandHandler<EndSessionCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly directory: IdentityDirectory,
    private readonly sessions: SessionStore,
  ) {}

  async execute(command: EndSessionCommand) {
    if (command.reason === 'signed-out') {
      await this.sessions.revoke(command.sessionId);
      await this.record(command);
    } else {
      await this.record(command);
      await this.sessions.revoke(command.sessionId);
    }
  }

  private async record({ caller, userId, sessionId, reason }: EndSessionCommand): Promise<void> {
    const user = await (await this.directory.users()).findOne({ userId });
    if (!user) throw new DomainError('not_found', `no user ${userId}`);
    await this.commands.execute(
      userDecider,
      userStreamId(userId),
      { type: 'end-session', sessionId, reason },
      commandMetadata(caller, user.defaultEntityId),
    );
  }
}
