import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { jsonApi, type JsonApi } from '@itsm/runtime';
import type { ManagedIsolatedStack } from '@itsm/testing';
import { AccountStore } from '../credentials/account.store';
import { createIdentityApp } from '../identity.app';
import { IdentityBootstrap } from '../identity.bootstrap';
import { IdentityModule } from '../identity.module';
import { seedIdentity } from '../seed';

export type { ApiAnswer } from '@itsm/runtime';
export type Api = JsonApi;

export interface IdentityUnderTest {
  app: INestApplication;
  url: string;
  api(token?: string): Api;
  /** signs in and returns the token pair (fails the test when the login is refused) */
  login(login: string, password?: string): Promise<{ accessToken: string; refreshToken: string }>;
}

/**
 * The identity service on the test file's slice of the stack, with its defaults and demo users;
 * closed with the slice, before its topics are deleted.
 */
export async function startIdentity(
  stack: ManagedIsolatedStack,
  env: Record<string, string> = {},
): Promise<IdentityUnderTest> {
  const app = await createIdentityApp(
    IdentityModule.register({ LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '10000', ...stack.serviceEnv, ...env }),
  );
  stack.onTeardown(() => app.close());
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  await app.get(IdentityBootstrap).ensureDefaults();
  await seedIdentity(app.get(CommandBus), app.get(AccountStore));
  return {
    app,
    url,
    api: (token?: string) => jsonApi(url, token),
    async login(login: string, password = login) {
      const answer = await jsonApi(url).post('/api/auth/login', { login, password });
      if (answer.status !== 200) throw new Error(`login ${login}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body;
    },
  };
}
