import { CommandBus } from '@nestjs/cqrs';
import { jsonApi, startServiceUnderTest, type JsonApi, type ServiceUnderTest } from '@itsm/runtime';
import type { ManagedIsolatedStack } from '@itsm/testing';
import { AccountStore } from '../credentials/account.store';
import { IDENTITY_SERVICE } from '../identity.app';
import { IdentityBootstrap } from '../identity.bootstrap';
import { IdentityModule } from '../identity.module';
import { seedIdentity } from '../seed';

export type { ApiAnswer } from '@itsm/runtime';
export type Api = JsonApi;

export interface IdentityUnderTest extends ServiceUnderTest {
  /** signs in and returns the token pair (fails the test when the login is refused) */
  login(login: string, password?: string): Promise<{ accessToken: string; refreshToken: string }>;
}

/**
 * The identity service on the test file's slice of the stack, with its defaults and demo users;
 * it keeps the slice's own database, where its tests read the events it stored.
 */
export async function startIdentity(
  stack: ManagedIsolatedStack,
  env: Record<string, string> = {},
): Promise<IdentityUnderTest> {
  const identity = await startServiceUnderTest(
    stack,
    IDENTITY_SERVICE,
    (serviceEnv) => IdentityModule.register(serviceEnv),
    {
      MONGO_DB: stack.dbName,
      ...env,
    },
  );
  await identity.app.get(IdentityBootstrap).ensureDefaults();
  await seedIdentity(identity.app.get(CommandBus), identity.app.get(AccountStore));
  return {
    ...identity,
    async login(login: string, password = login) {
      const answer = await jsonApi(identity.url).post('/api/auth/login', { login, password });
      if (answer.status !== 200) throw new Error(`login ${login}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body;
    },
  };
}
