import { DomainError } from '@itsm/domain';

import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@itsm/auth';
import { IdentityDirectory } from '../../../shared/identity-directory';
import { contextFor } from '../../session-context';
import { SessionStore } from '../../session.store';
import { TokenService, type TokenPair } from '../../token.service';
import type { SwitchContextRequestDto } from './switch-context.request.dto';

export class SwitchContextCommand extends Command<TokenPair> {
  constructor(
    readonly caller: Caller,
    readonly request: SwitchContextRequestDto,
  ) {
    super();
  }
}

/** GLPI's "change profile / entity": only to what the user's own authorizations reach. */
@CommandHandler(SwitchContextCommand)
export class SwitchContextHandler implements ICommandHandler<SwitchContextCommand> {
  constructor(
    private readonly directory: IdentityDirectory,
    private readonly sessions: SessionStore,
    private readonly tokens: TokenService,
  ) {}

  async execute({ caller, request }: SwitchContextCommand) {
    const session = await this.sessions.find(caller.sessionId);
    const user = await (await this.directory.users()).findOne({ userId: caller.userId });
    if (!session || !user || !user.active)
      throw new DomainError('unauthenticated', 'the session has ended; sign in again');
    const context = contextFor(
      user.authorizations,
      await this.directory.entityTree(),
      request.profileId,
      request.entityId,
    );
    if (!context) {
      throw new DomainError(
        'forbidden',
        `you hold no authorization with profile ${request.profileId} reaching entity ${request.entityId}`,
      );
    }
    await this.sessions.switchContext(session._id, context);
    return this.tokens.issue(user, context, session._id);
  }
}
