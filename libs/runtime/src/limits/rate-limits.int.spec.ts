import { createServer } from 'node:net';
import { ConfigService } from '@nestjs/config';
import { useIsolatedStack } from '@itsm/testing';
import Redis from 'ioredis';
import { RateLimits } from './rate-limits';

const stack = useIsolatedStack();
const clients: Redis[] = [];
afterAll(() => Promise.all(clients.map((client) => client.quit().catch(() => undefined))));

/** A replica's rate limits: its own Redis connection, as the runtime makes it, once connected. */
async function replica(redisUrl = stack.redisUrl): Promise<RateLimits> {
  const away = redisUrl !== stack.redisUrl;
  const redis = new Redis(redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 500,
    // a server that is not there is not called again: nothing left running after the test
    ...(away && { retryStrategy: () => null }),
  });
  redis.on('error', () => undefined);
  clients.push(redis);
  if (!away) await new Promise((resolve) => redis.once('ready', resolve));
  const config = new ConfigService({ REDIS_KEY_PREFIX: `${stack.redisPrefix}:`, SERVICE_NAME: 'limits-test' });
  return new RateLimits(redis, config as never);
}

const REFUSAL = { what: 'writes', from: 'from your account' };
const outcome = (spent: Promise<void>) =>
  spent.then(
    () => 'allowed',
    (error: { code: string; message: string; retryAfterSeconds: number }) => error,
  );

describe('rate limits', () => {
  it('share one budget between replicas, refuse with the wait once spent, and leave other keys be', async () => {
    const [first, second] = await Promise.all([replica(), replica()]);
    const [a, b] = [first.budget('writes', 3, 60), second.budget('writes', 3, 60)];
    expect(await Promise.all([a.consume('u1', REFUSAL), b.consume('u1', REFUSAL), a.consume('u1', REFUSAL)])).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    const refused = await outcome(b.consume('u1', REFUSAL));
    expect(refused).toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/^too many writes from your account \(3 per 60 s\); retry in \d+ s$/),
      details: { limit: 3, windowSeconds: 60 },
    });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(await outcome(a.consume('u2', REFUSAL))).toBe('allowed');
  });

  it('counts failures after the fact, refuses once they are spent, and forgets them on reset', async () => {
    const failures = (await replica()).budget('failures', 2, 900);
    const refusal = { what: 'failed logins', from: 'for this account' };
    await failures.spend('glpi');
    await failures.assertLeft('glpi', refusal);
    await failures.spend('glpi');
    expect(await outcome(failures.assertLeft('glpi', refusal))).toMatchObject({ code: 'rate_limited' });
    await failures.reset('glpi');
    expect(await outcome(failures.assertLeft('glpi', refusal))).toBe('allowed');
  });

  it('lets everything through while Redis is unavailable (fail open), at once', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const away = (await replica(`redis://127.0.0.1:${closedPort}`)).budget('writes', 1, 60);
    for (let i = 0; i < 3; i++) expect(await outcome(away.consume('u1', REFUSAL))).toBe('allowed');
    await away.spend('u1');
    expect(await outcome(away.assertLeft('u1', REFUSAL))).toBe('allowed');
  });
});
