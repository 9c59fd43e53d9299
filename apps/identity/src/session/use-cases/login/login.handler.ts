import { DomainError } from '@itsm/domain';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AccountStore } from '../../../credentials/account.store';
import { PasswordHasher } from '../../../credentials/password-hasher';
import type { IdentitySettings } from '../../../identity.env';
import { IdentityDirectory } from '../../../shared/identity-directory';
import type { LoginThrottle } from '../../login-throttle';
import { defaultContext } from '../../session-context';
import { SessionStore } from '../../session.store';
import { TokenService, type TokenPair } from '../../token.service';
import { IDENTITY_SETTINGS, LOGIN_THROTTLE } from '../../tokens';
import type { LoginRequestDto } from './login.request.dto';

export class LoginCommand extends Command<TokenPair> {
  constructor(readonly request: LoginRequestDto) {
    super();
  }
}

/** One answer for an unknown login, a wrong password and a deactivated account: nothing to probe. */
const rejected = () => new DomainError('unauthenticated', 'wrong login or password');

@CommandHandler(LoginCommand)
export class LoginHandler implements ICommandHandler<LoginCommand> {
  constructor(
    private readonly accounts: AccountStore,
    private readonly hasher: PasswordHasher,
    private readonly directory: IdentityDirectory,
    private readonly sessions: SessionStore,
    private readonly tokens: TokenService,
    @Inject(LOGIN_THROTTLE) private readonly throttle: LoginThrottle,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  async execute({ request: { login, password } }: LoginCommand) {
    await this.throttle.admit(login);
    const account = await this.accounts.findByLogin(login);
    const matches = await this.hasher.verify(account?.passwordHash, password);
    const user = account && matches ? await (await this.directory.users()).findOne({ userId: account.userId }) : null;
    if (!user || !user.active) {
      await this.throttle.recordFailure(login);
      throw rejected();
    }
    await this.throttle.recordSuccess(login);
    const context = defaultContext(user, await this.directory.entityTree());
    if (!context) throw new DomainError('forbidden', 'your account holds no authorization yet; ask an administrator');
    const { session, refreshToken } = await this.sessions.open(
      user.userId,
      context,
      this.settings.REFRESH_TOKEN_TTL_DAYS,
    );
    return this.tokens.issue(user, context, session._id, refreshToken);
  }
}
