import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { ManagedIsolatedStack } from '@itsm/testing';
import { AccountStore } from '../credentials/account.store';
import { createIdentityApp } from '../identity.app';
import { IdentityBootstrap } from '../identity.bootstrap';
import { IdentityModule } from '../identity.module';
import { seedIdentity } from '../seed';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers field by field
export interface ApiAnswer<Body = any> {
  status: number;
  body: Body;
}

export type Api = ReturnType<typeof apiClient>;

/** A tiny HTTP client: JSON in, status and parsed body out (text when the body is not JSON). */
export function apiClient(url: string, token?: string) {
  const call = async (method: string, path: string, body?: unknown, raw?: string): Promise<ApiAnswer> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed };
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown) => call('POST', path, body),
    patch: (path: string, body?: unknown) => call('PATCH', path, body),
    delete: (path: string) => call('DELETE', path),
    raw: (method: string, path: string, text: string) => call(method, path, undefined, text),
  };
}

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
    api: (token?: string) => apiClient(url, token),
    async login(login: string, password = login) {
      const answer = await apiClient(url).post('/api/auth/login', { login, password });
      if (answer.status !== 200) throw new Error(`login ${login}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body;
    },
  };
}
