import { createServer } from 'node:net';
import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import { RateLimits } from '@itsm/runtime';
import { useIsolatedStack } from '@itsm/testing';
import { startTickets, type TicketsUnderTest } from './test-support/tickets-test-app';

// The kit's rate limits as every service has them, on tickets: per signed-in caller and per
// client address (X-Forwarded-For believed from a trusted proxy), shared by the replicas through
// Redis, answered 429 problem+json with Retry-After; and let through while Redis is away.
const stack = useIsolatedStack();
let identity: IdentityFixture;
let replicas: TicketsUnderTest[];
let alice: FixtureUser, bob: FixtureUser;

const LOW_LIMITS = {
  RATE_LIMIT_READ_PER_CALLER: '3',
  RATE_LIMIT_READ_PER_ADDRESS: '6',
  RATE_LIMIT_WRITE_PER_CALLER: '1000',
  TRUST_PROXY: 'loopback',
};

/** A GET of the ticket list as `user` (or no one) from `address`, as a proxy on this host forwards it. */
async function list(service: TicketsUnderTest, address: string, user?: FixtureUser) {
  const response = await fetch(`${service.url}/api/tickets`, {
    headers: { 'x-forwarded-for': address, ...(user && { authorization: `Bearer ${user.token}` }) },
  });
  const body = (await response.json()) as { code?: string; detail?: string };
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    retryAfter: response.headers.get('retry-after'),
    body,
  };
}

beforeAll(async () => {
  identity = new IdentityFixture(stack);
  await identity.connect();
  await identity.entity('root', 'Entité racine', null);
  [alice, bob] = await Promise.all([identity.user('alice', 'technician'), identity.user('bob', 'technician')]);
  replicas = await Promise.all([startTickets(stack, LOW_LIMITS), startTickets(stack, LOW_LIMITS)]);
  // a replica lets requests through until its Redis connection is up
  await Promise.all(replicas.map((replica) => replica.app.get(RateLimits).connected()));
}, 60_000);

describe('rate limits', () => {
  it('refuse a caller past the limit, on any replica, with 429 and Retry-After; another caller goes on', async () => {
    const [first, second] = replicas;
    const address = '198.51.100.1';
    const answers = [
      await list(first, address, alice),
      await list(second, address, alice),
      await list(first, address, alice),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    const refused = await list(second, address, alice);
    expect(refused).toMatchObject({
      status: 429,
      type: expect.stringMatching(/^application\/problem\+json/),
      body: { code: 'rate_limited', detail: expect.stringMatching(/^too many reads from your account \(3 per 60 s\)/) },
    });
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    // the same address, another caller: not affected
    expect((await list(first, address, bob)).status).toBe(200);
  });

  it('refuse an address past its limit, requests without a token included; another address goes on', async () => {
    const [first, second] = replicas;
    const flooding = '203.0.113.7';
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push((await list(i % 2 ? first : second, flooding)).status);
    expect(answers).toEqual([401, 401, 401, 401, 401, 401]);
    const refused = await list(first, flooding);
    expect(refused).toMatchObject({
      status: 429,
      body: { code: 'rate_limited', detail: expect.stringMatching(/^too many reads from this address \(6 per 60 s\)/) },
    });
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    // a signed-in caller behind that address is refused too; from elsewhere, the same caller is not
    expect((await list(first, flooding, bob)).status).toBe(429);
    expect((await list(first, '203.0.113.8', bob)).status).toBe(200);
  });

  it('let every request through while Redis is unavailable (fail open), instead of failing them', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const withoutRedis = await startTickets(stack, {
      ...LOW_LIMITS,
      RATE_LIMIT_READ_PER_CALLER: '1',
      REDIS_URL: `redis://127.0.0.1:${closedPort}`,
    });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await list(withoutRedis, '198.51.100.2', alice)).status);
    expect(statuses).toEqual([200, 200, 200]);
  });
});
