import { CommandBus } from '@nestjs/cqrs';
import { systemCaller } from '@itsm/auth';
import { DomainError } from '@itsm/domain';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ROOT_ENTITY_ID } from '../entity/entity.decider';
import { IdentityBootstrap } from '../identity.bootstrap';
import { IdentityDirectory } from '../shared/identity-directory';
import { GrantAuthorizationCommand } from '../user/use-cases/grant-authorization/grant-authorization.handler';
import { RegisterUserCommand } from '../user/use-cases/register-user/register-user.handler';
import { RegisterUserRequestDto } from '../user/use-cases/register-user/register-user.request.dto';

const SUPER_ADMIN = 'super-admin';
const OPERATOR = systemCaller('identity.operations');

export interface FirstAdmin {
  login: string;
  password: string;
  firstName?: string;
  lastName?: string;
}

/** What creating the first administrator needs of the identity service. */
export interface FirstAdminDeps {
  bootstrap: IdentityBootstrap;
  directory: IdentityDirectory;
  commandBus: CommandBus;
}

/** Active Super-Admins' logins: a fresh installation has none. */
export async function superAdmins(directory: IdentityDirectory): Promise<string[]> {
  const users = await directory.users();
  const found = await users
    .find({ active: true, erased: false, 'authorizations.profileId': SUPER_ADMIN }, { projection: { login: 1 } })
    .toArray();
  return found.map((user) => user.login);
}

/**
 * The first Super-Admin of an installation, on the root entity (recursive), through identity's
 * own command handlers: the events are recorded and published like any registration. Refused
 * while an active Super-Admin exists, unless forced.
 */
export async function createFirstAdmin(
  { bootstrap, directory, commandBus }: FirstAdminDeps,
  admin: FirstAdmin,
  { force = false } = {},
): Promise<{ userId: string }> {
  const request = validRequest(admin);
  await bootstrap.ensureDefaults(); // the root entity and the default profiles
  const existing = await superAdmins(directory);
  if (existing.length > 0 && !force) {
    throw new DomainError('conflict', `a Super-Admin exists already (${existing.join(', ')}); --force adds another`);
  }
  const { userId } = await commandBus.execute(new RegisterUserCommand(OPERATOR, request));
  await commandBus.execute(
    new GrantAuthorizationCommand(OPERATOR, userId, {
      profileId: SUPER_ADMIN,
      entityId: ROOT_ENTITY_ID,
      recursive: true,
    }),
  );
  return { userId };
}

/** The same rules as a registration over HTTP (login shape, password length). */
function validRequest({ login, password, firstName = '', lastName = login }: FirstAdmin): RegisterUserRequestDto {
  const request = plainToInstance(RegisterUserRequestDto, {
    login,
    password,
    firstName,
    lastName,
    defaultEntityId: ROOT_ENTITY_ID,
  });
  const reasons = validateSync(request, { whitelist: true, forbidNonWhitelisted: true }).flatMap((error) =>
    Object.values(error.constraints ?? {}),
  );
  if (reasons.length > 0) throw new DomainError('invalid', reasons.join('; '));
  return request;
}
