import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { systemCaller } from '@itsm/auth';
import { AccountStore } from './credentials/account.store';
import { ROOT_ENTITY_ID } from './entity/entity.decider';
import { IdentityBootstrap } from './identity.bootstrap';
import { IdentityModule } from './identity.module';
import { GrantAuthorizationCommand } from './user/use-cases/grant-authorization/grant-authorization.handler';
import { RegisterUserCommand } from './user/use-cases/register-user/register-user.handler';

/**
 * Demo users, as GLPI installs them plus the seed's M. Blier, each with its login as password
 * (change them: POST /api/users/:id/password). Through the real command handlers; idempotent.
 */
const DEMO_USERS = [
  { login: 'glpi', firstName: '', lastName: 'glpi', profileId: 'super-admin' },
  { login: 'tech', firstName: '', lastName: 'tech', profileId: 'technician' },
  { login: 'normal', firstName: '', lastName: 'normal', profileId: 'observer' },
  { login: 'post-only', firstName: '', lastName: 'post-only', profileId: 'self-service' },
  { login: 'S1', firstName: 'Bertrand', lastName: 'BLIER', profileId: 'self-service' },
];

const SEED = systemCaller('identity');

export async function seedIdentity(commandBus: CommandBus, accounts: AccountStore): Promise<string[]> {
  // side by side: each user is a stream of its own, and argon2 hashes on libuv's threads
  const created = await Promise.all(
    DEMO_USERS.map(async ({ login, firstName, lastName, profileId }) => {
      if (await accounts.findByLogin(login)) return [];
      const { userId } = await commandBus.execute(
        new RegisterUserCommand(SEED, {
          login,
          firstName,
          lastName,
          password: login,
          defaultEntityId: ROOT_ENTITY_ID,
        }),
      );
      await commandBus.execute(
        new GrantAuthorizationCommand(SEED, userId, { profileId, entityId: ROOT_ENTITY_ID, recursive: true }),
      );
      return [login];
    }),
  );
  return created.flat();
}

async function main() {
  const app = await NestFactory.createApplicationContext(
    IdentityModule.register({ LOG_LEVEL: 'warn' }, { background: false }),
    {
      logger: ['error', 'warn'],
    },
  );
  await app.get(IdentityBootstrap).ensureDefaults();
  const created = await seedIdentity(app.get(CommandBus), app.get(AccountStore));
  console.log(
    created.length ? `[identity] demo users created: ${created.join(', ')}` : '[identity] demo users already there',
  );
  await app.close();
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
