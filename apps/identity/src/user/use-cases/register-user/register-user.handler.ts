import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, isSystemCaller, type Caller, type SystemCaller } from '@itsm/auth';
import { EventSourcedCommands, newId } from '@itsm/runtime';
import { AccountStore } from '../../../credentials/account.store';
import { PasswordHasher } from '../../../credentials/password-hasher';
import { IdentityDirectory } from '../../../shared/identity-directory';
import { userDecider, userStreamId } from '../../user.decider';
import type { RegisterUserRequestDto } from './register-user.request.dto';

export class RegisterUserCommand extends Command<{ userId: string }> {
  /** a system caller is the seed or the first start, which run before anyone can sign in */
  constructor(
    readonly caller: Caller | SystemCaller,
    readonly request: RegisterUserRequestDto,
  ) {
    super();
  }
}

@CommandHandler(RegisterUserCommand)
export class RegisterUserHandler implements ICommandHandler<RegisterUserCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly directory: IdentityDirectory,
    private readonly accounts: AccountStore,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute({ caller, request }: RegisterUserCommand) {
    const defaultEntityId = request.defaultEntityId ?? (isSystemCaller(caller) ? 'root' : caller.entityId);
    if (!isSystemCaller(caller)) await this.directory.visibleEntity(caller, defaultEntityId);
    const userId = newId();
    const passwordHash = request.password ? await this.hasher.hash(request.password) : null;
    // the login is claimed first: two concurrent registrations of one login cannot both pass
    await this.accounts.reserve(request.login, userId, passwordHash);
    try {
      await this.commands.execute(
        userDecider,
        userStreamId(userId),
        {
          type: 'register-user',
          userId,
          login: request.login,
          details: {
            firstName: request.firstName ?? '',
            lastName: request.lastName ?? request.login,
            emails: request.emails ?? [],
            phone: request.phone ?? null,
            location: request.location ?? null,
          },
          active: request.active ?? true,
          defaultEntityId,
          defaultProfileId: null,
        },
        commandMetadata(caller, defaultEntityId),
      );
    } catch (error) {
      await this.accounts.release(request.login, userId);
      throw error;
    }
    return { userId };
  }
}
