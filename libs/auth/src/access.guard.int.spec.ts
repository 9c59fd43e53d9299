import { generateKeyPairSync } from 'node:crypto';
import { Controller, Get, Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { topicFor, type EventEnvelope } from '@itsm/contracts';
import type { ProjectionStore } from '@itsm/eventsourcing';
import { createIdempotentProducer, ensureTopics } from '@itsm/messaging';
import { RuntimeModule, createServiceApp } from '@itsm/runtime';
import { EventPublisher, eventually, stackKafka, useIsolatedStack } from '@itsm/testing';
import { AccessTokenIssuer, type AccessTokenClaims } from './access-token';
import { AuthModule } from './auth.module';
import type { Caller } from '@itsm/domain';
import { CurrentCaller, Public, RequireRights } from './decorators';
import type { EntityTreeNode } from './entity-tree.projection';
import { EntityTreeReader } from './entity-tree.reader';
import { ENTITY_TREE_STORE } from './tokens';

const stack = useIsolatedStack();

const pemKeyPair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
const [signing, rotated, foreign] = [pemKeyPair(), pemKeyPair(), pemKeyPair()];
// as a deployment writes them: one line, `\n` escapes, `;` between keys
const JWT_PUBLIC_KEYS = [signing, rotated].map((pair) => pair.publicKey.replace(/\n/g, '\\n')).join(';');

@Controller('probe')
class ProbeController {
  @Public()
  @Get('public')
  open() {
    return { open: true };
  }

  @RequireRights('ticket.create')
  @Get('tickets')
  tickets() {
    return { allowed: true };
  }

  @Get('me')
  me(@CurrentCaller() caller: Caller) {
    return { ...caller, rights: [...caller.rights] };
  }
}

@Module({})
class ProbeModule {
  static register(env: Record<string, string>): DynamicModule {
    return {
      module: ProbeModule,
      imports: [RuntimeModule.forService({ name: 'auth-probe', port: 0, env }), AuthModule.forService({ env })],
      controllers: [ProbeController],
    };
  }
}

async function startProbe(env: Record<string, string>): Promise<{ app: INestApplication; url: string }> {
  const app = await createServiceApp(ProbeModule.register({ ...env, JWT_PUBLIC_KEYS }));
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}

const claims: AccessTokenClaims = {
  sub: 'user-1',
  login: 'alice',
  name: 'Alice Martin',
  pid: 'profile-1',
  rights: ['ticket.read-own'],
  eid: 'child',
  rec: true,
  sid: 's1',
};
const tokenFor = (overrides: Partial<AccessTokenClaims> = {}, privateKey = signing.privateKey) =>
  new AccessTokenIssuer({ privateKey }).issue({ ...claims, ...overrides }).token;

const entityEvent = (entityId: string, sequence: number, type: string, data: object): EventEnvelope => ({
  id: `${entityId}-${sequence}`,
  type,
  schemaVersion: 1,
  streamId: `entity-${entityId}`,
  sequence,
  entityId,
  occurredAt: new Date().toISOString(),
  actor: { kind: 'system', id: 'test' },
  correlationId: 'c',
  causationId: 'c',
  data,
});
const created = (entityId: string, parentId: string | null) =>
  entityEvent(entityId, 1, 'entity.created', {
    entityId,
    name: entityId,
    parentId,
    settings: { autoCloseMode: 'inherit', autoCloseDelayDays: 0, calendarId: null },
  });

describe('access guard', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await startProbe(stack.serviceEnv));
    // root ─┬─ child ── grandchild
    //       └─ sibling
    const store = app.get<ProjectionStore<EntityTreeNode>>(ENTITY_TREE_STORE);
    for (const [id, parent] of [
      ['root', null],
      ['child', 'root'],
      ['grandchild', 'child'],
      ['sibling', 'root'],
    ] as const) {
      await store.apply(created(id, parent));
    }
    app.get(EntityTreeReader).invalidate();
  });
  afterAll(() => app?.close());

  const get = (path: string, token?: string) =>
    fetch(`${url}/probe/${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const expectStatus = async (response: Response, status: number, message?: string) => {
    const body = (await response.json()) as { detail?: string };
    expect({ status: response.status, message: body.detail }).toEqual({ status, message: message ?? body.detail });
  };

  it('lets anyone reach public routes and the probes', async () => {
    await expectStatus(await get('public'), 200);
    expect((await fetch(`${url}/health/live`)).status).toBe(200);
  });

  it('answers 401 without a bearer token or with one it cannot trust', async () => {
    await expectStatus(await get('me'), 401, 'missing bearer token');
    await expectStatus(await fetch(`${url}/probe/me`, { headers: { authorization: 'Basic YTpi' } }), 401);
    await expectStatus(await get('me', 'garbage'), 401, 'invalid access token: malformed');
    const expired = new AccessTokenIssuer({ privateKey: signing.privateKey, ttlSeconds: -1 }).issue(claims).token;
    await expectStatus(await get('me', expired), 401, 'invalid access token: expired');
    const [header, payload, signature] = tokenFor().split('.');
    const unsigned = Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url');
    await expectStatus(await get('me', `${unsigned}.${payload}.`), 401, 'invalid access token: missing signature');
    await expectStatus(await get('me', tokenFor({}, foreign.privateKey)), 401, 'invalid access token: unknown key');
    const widened = Buffer.from(JSON.stringify({ ...decode(payload), rec: true, eid: 'root' })).toString('base64url');
    await expectStatus(
      await get('me', `${header}.${widened}.${signature}`),
      401,
      'invalid access token: invalid signature',
    );
  });

  it('answers 403 when a required right is missing, and lets the right through', async () => {
    await expectStatus(await get('tickets', tokenFor()), 403, 'missing right ticket.create');
    await expectStatus(await get('tickets', tokenFor({ rights: ['ticket.create'] })), 200);
  });

  it('accepts the keys of a rotation', async () => {
    await expectStatus(await get('tickets', tokenFor({ rights: ['ticket.create'] }, rotated.privateKey)), 200);
  });

  it('scopes a recursive caller to the entity and its subtree, a non-recursive one to the entity', async () => {
    const recursive = (await (await get('me', tokenFor())).json()) as Caller;
    expect(recursive).toEqual({
      userId: 'user-1',
      sessionId: 's1',
      login: 'alice',
      displayName: 'Alice Martin',
      profileId: 'profile-1',
      rights: ['ticket.read-own'],
      entityId: 'child',
      recursive: true,
      scope: ['child', 'grandchild'],
    });
    const flat = (await (await get('me', tokenFor({ rec: false }))).json()) as Caller;
    expect(flat.scope).toEqual(['child']);
    const fromRoot = (await (await get('me', tokenFor({ eid: 'root' }))).json()) as Caller;
    expect([...fromRoot.scope].sort()).toEqual(['child', 'grandchild', 'root', 'sibling']);
  });

  it('follows moves applied to the tree', async () => {
    const store = app.get<ProjectionStore<EntityTreeNode>>(ENTITY_TREE_STORE);
    await store.apply(
      entityEvent('grandchild', 2, 'entity.moved', {
        entityId: 'grandchild',
        parentId: 'sibling',
        previousParentId: 'child',
      }),
    );
    app.get(EntityTreeReader).invalidate();
    expect(((await (await get('me', tokenFor())).json()) as Caller).scope).toEqual(['child']);
    expect(((await (await get('me', tokenFor({ eid: 'sibling' }))).json()) as Caller).scope).toEqual([
      'sibling',
      'grandchild',
    ]);
  });

  it("feeds the tree from identity's topic", async () => {
    const kafka = stackKafka(stack);
    const topic = topicFor('identity', stack.topicPrefix);
    await ensureTopics(kafka, [topic]);
    const producer = createIdempotentProducer(kafka);
    await producer.connect();
    try {
      const event = created('published', 'child');
      await producer.send({ topic, messages: [{ key: event.streamId, value: JSON.stringify(event) }] });
      const reader = app.get(EntityTreeReader);
      for (let deadline = Date.now() + 60_000; !(await reader.tree()).has('published'); ) {
        if (Date.now() > deadline) throw new Error('the published entity never reached the tree');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect((await reader.tree()).parentOf('published')).toBe('child');
    } finally {
      await producer.disconnect();
    }
  });
});

describe('access guard and revocations', () => {
  // what identity publishes; the guard learns it through its feed, then its list (1 s refresh)
  const REVOCATION_BOUND_MS = 5_000;
  let identity: EventPublisher;
  let app: INestApplication;
  let url: string;
  // signed before the deactivation: the restarted guard must still refuse it
  const leaving = tokenFor({ sub: 'leaving' });

  const status = async (token: string, at = url) =>
    (await fetch(`${at}/probe/me`, { headers: { authorization: `Bearer ${token}` } })).status;
  const refusal = async (token: string, at = url) => {
    const response = await fetch(`${at}/probe/me`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, detail: ((await response.json()) as { detail?: string }).detail };
  };
  const user = (userId: string, events: Array<{ type: string; data: object }>) =>
    identity.publish(`user-${userId}`, 'root', events as never);
  const granted = (userId: string, authorizationId: string, profileId: string) => ({
    type: 'user.authorization-granted',
    data: { userId, authorizationId, profileId, entityId: 'root', recursive: true },
  });
  /** Polls until the token is refused; the bound is a wait limit, not a measure. */
  const refusedWithin = (token: string, bound = REVOCATION_BOUND_MS, at = url) =>
    eventually(async () => (await status(token, at)) !== 200, bound, 'the refusal');

  beforeAll(async () => {
    ({ app, url } = await startProbe(stack.serviceEnv));
    identity = new EventPublisher(stack, 'identity');
    await identity.connect();
    // the feed's consumer group joins once: wait for it, so the cases below measure the flow alone
    const warmUp = tokenFor({ sub: 'warm-up', sid: 'warm-up' });
    await user('warm-up', [{ type: 'user.deactivated', data: { userId: 'warm-up' } }]);
    await refusedWithin(warmUp, 60_000);
  });
  afterAll(() => app?.close());

  it("refuses a deactivated user's tokens within seconds, not those signed after a reactivation", async () => {
    expect(await status(leaving)).toBe(200);
    await user('leaving', [{ type: 'user.deactivated', data: { userId: 'leaving' } }]);
    await refusedWithin(leaving);
    expect(await refusal(leaving)).toEqual({ status: 401, detail: 'the account was deactivated' });
    await user('leaving', [{ type: 'user.reactivated', data: { userId: 'leaving' } }]);
    expect(await status(tokenFor({ sub: 'leaving', sid: 'after' }))).toBe(200);
  });

  it('refuses every token of a session ended, and only of it', async () => {
    const signedOut = tokenFor({ sub: 'bob', sid: 'bob-1' });
    const otherDevice = tokenFor({ sub: 'bob', sid: 'bob-2' });
    await user('bob', [
      { type: 'user.session-ended', data: { userId: 'bob', sessionId: 'bob-1', reason: 'signed-out' } },
    ]);
    await refusedWithin(signedOut);
    expect(await refusal(signedOut)).toEqual({ status: 401, detail: 'the session was signed out' });
    expect(await status(otherDevice)).toBe(200);
  });

  it('refuses with 403 a revoked authorization while others remain, with 401 once none does', async () => {
    await user('carol', [granted('carol', 'c1', 'technician'), granted('carol', 'c2', 'observer')]);
    const asTechnician = tokenFor({ sub: 'carol', pid: 'technician' });
    const asObserver = tokenFor({ sub: 'carol', pid: 'observer' });
    await user('carol', [{ type: 'user.authorization-revoked', data: { userId: 'carol', authorizationId: 'c1' } }]);
    await refusedWithin(asTechnician);
    expect(await refusal(asTechnician)).toEqual({
      status: 403,
      detail:
        'the authorization as technician on entity child was revoked: refresh the token to work under another one',
    });
    expect(await status(asObserver)).toBe(200);
    await user('carol', [{ type: 'user.authorization-revoked', data: { userId: 'carol', authorizationId: 'c2' } }]);
    await refusedWithin(asObserver);
    expect(await refusal(asObserver)).toEqual({
      status: 401,
      detail: 'every authorization of the account was revoked',
    });
  });

  it('refuses the revoked tokens from the first request of a guard started after the revocations', async () => {
    const dave = tokenFor({ sub: 'dave', sid: 'dave-1' });
    await user('dave', [
      { type: 'user.session-ended', data: { userId: 'dave', sessionId: 'dave-1', reason: 'refresh-token-reused' } },
    ]);
    await refusedWithin(dave);
    const restarted = await startProbe(stack.serviceEnv);
    try {
      expect((await refusal(dave, restarted.url)).status).toBe(401);
      expect((await refusal(leaving, restarted.url)).detail).toBe('the account was deactivated');
      expect(await status(tokenFor({ sub: 'erin' }), restarted.url)).toBe(200);
    } finally {
      await restarted.app.close();
    }
  });
});

describe('access guard without Kafka', () => {
  it('boots and guards routes while Kafka is unreachable', async () => {
    const { app, url } = await startProbe({ ...stack.serviceEnv, KAFKA_BROKERS: '127.0.0.1:1' });
    try {
      expect((await fetch(`${url}/probe/public`)).status).toBe(200);
      const me = await fetch(`${url}/probe/me`, { headers: { authorization: `Bearer ${tokenFor({ rec: false })}` } });
      expect(me.status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

function decode(part: string): object {
  return JSON.parse(Buffer.from(part, 'base64url').toString());
}
