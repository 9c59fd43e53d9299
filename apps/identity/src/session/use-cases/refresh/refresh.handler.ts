import { DomainError } from '@itsm/domain';

import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { systemCaller } from '@itsm/auth';
import { IdentityDirectory } from '../../../shared/identity-directory';
import { contextFor, defaultContext } from '../../session-context';
import { SessionStore } from '../../session.store';
import { TokenService, type TokenPair } from '../../token.service';
import { EndSessionCommand } from '../end-session/end-session.handler';

const SESSIONS = systemCaller('identity.sessions');

export class RefreshCommand extends Command<TokenPair> {
  constructor(readonly refreshToken: string) {
    super();
  }
}

/** Rotates the refresh token and signs a fresh access token with the user's current rights. */
@CommandHandler(RefreshCommand)
export class RefreshHandler implements ICommandHandler<RefreshCommand> {
  constructor(
    private readonly directory: IdentityDirectory,
    private readonly sessions: SessionStore,
    private readonly tokens: TokenService,
    private readonly commandBus: CommandBus,
  ) {}

  async execute({ refreshToken }: RefreshCommand) {
    const rotation = await this.sessions.rotate(refreshToken);
    if (!rotation.ok && rotation.reason === 'reused' && rotation.openSession) {
      const { userId, _id } = rotation.openSession;
      await this.commandBus.execute(new EndSessionCommand(SESSIONS, userId, _id, 'refresh-token-reused'));
    }
    if (!rotation.ok) throw new DomainError('unauthenticated', `refresh token ${rotation.reason}`);
    const { session } = rotation;
    const user = await (await this.directory.users()).findOne({ userId: session.userId });
    if (!user || !user.active) {
      await this.sessions.revoke(session._id);
      throw new DomainError('unauthenticated', 'the account is no longer active');
    }
    const tree = await this.directory.entityTree();
    // an authorization revoked since the last token no longer counts
    const context =
      contextFor(user.authorizations, tree, session.profileId, session.entityId) ?? defaultContext(user, tree);
    if (!context) {
      await this.sessions.revoke(session._id);
      throw new DomainError('unauthenticated', 'the account holds no authorization any more');
    }
    await this.sessions.switchContext(session._id, context);
    return this.tokens.issue(user, context, session._id, rotation.refreshToken);
  }
}
