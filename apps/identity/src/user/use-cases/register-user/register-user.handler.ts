import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  commandMetadata,
  isSystemCaller,
  type Caller,
  type SystemCaller,
  assertMayManage,
  assertReachable,
} from '@itsm/auth';
import { EventSourcedCommands, newId } from '@itsm/runtime';
import { AccountStore } from '../../../credentials/account.store';
import { PasswordHasher } from '../../../credentials/password-hasher';
import { IdentityDirectory } from '../../../shared/identity-directory';
import { userDecider, userStreamId } from '../../user.decider';
import type { RegisterUserRequestDto } from './register-user.request.dto';

/** POST /api/users's body; an import's `user.register` may also name the profile the user starts with. */
export type RegisterUserRequest = RegisterUserRequestDto & { profileId?: string };

export class RegisterUserCommand extends Command<{ userId: string }> {
  /** a system caller is the seed or the first start, which run before anyone can sign in */
  constructor(
    readonly caller: Caller | SystemCaller,
    readonly request: RegisterUserRequest,
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
    // before the login is claimed: a refused profile registers nobody
    const profileId = request.profileId ? await this.grantable(caller, request.profileId, defaultEntityId) : null;
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
          defaultProfileId: profileId,
          ...(profileId && {
            authorization: { authorizationId: newId(), profileId, entityId: defaultEntityId, recursive: false },
          }),
        },
        commandMetadata(caller, defaultEntityId),
      );
    } catch (error) {
      await this.accounts.release(request.login, userId);
      throw error;
    }
    return { userId };
  }

  /**
   * The profile a new user starts with on their entity, under the rules of granting it
   * (GrantAuthorizationHandler): nobody gives a profile holding rights they lack, nor on an entity
   * beyond their scope. Not recursive: the user gets their own entity, as the import names it.
   */
  private async grantable(caller: Caller | SystemCaller, profileId: string, entityId: string): Promise<string> {
    const profile = await this.directory.profile(profileId);
    if (!isSystemCaller(caller)) {
      assertMayManage(caller, profile.rights, `profile ${profile.name}`);
      assertReachable(caller, await this.directory.entityTree(), entityId, false);
    }
    return profile.profileId;
  }
}
