import { RIGHTS } from '@itsm/domain';
import { createHmac, createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { decode, sign } from 'jsonwebtoken';
import { AccessTokenIssuer, keyIdOf, type AccessTokenClaims } from '@itsm/auth';
import { useIsolatedStack } from '@itsm/testing';
import { startIdentity, type Api, type ApiAnswer, type IdentityUnderTest } from './test-support/identity-test-app';

/**
 * The identity service under attack: forged and expired tokens on every protected route, tenants
 * looking at their siblings, non-recursive authorizations reaching down, mass assignment,
 * privilege escalation, brute force and stolen refresh tokens. Every refusal is followed by a
 * check, as the super-admin, that nothing changed.
 */
const stack = useIsolatedStack();
let identity: IdentityUnderTest;
let glpi: Api;

/** ids of what beforeAll creates, by name */
const id: Record<string, string> = {};
/** a signed-in API client per test user */
const as: Record<string, Api> = {};
const passwordOf = (login: string) => `${login}-Secret-2024`;

/** A request with exactly the Authorization header given (or none). */
async function request(
  method: string,
  path: string,
  authorization?: string,
  body?: unknown,
): Promise<ApiAnswer & { text: string }> {
  const response = await fetch(`${identity.url}${path}`, {
    method,
    headers: {
      ...(authorization === undefined ? {} : { authorization }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed, text };
}

async function createEntity(name: string, parentId: string): Promise<string> {
  const created = await glpi.post('/api/entities', { name, parentId });
  expect(created.status).toBe(201);
  return created.body.entityId;
}

/** A user with a password, living in `defaultEntityId`, holding the given authorizations. */
async function createUser(
  login: string,
  defaultEntityId: string,
  grants: Array<[profileId: string, entityId: string, recursive: boolean]>,
): Promise<string> {
  const created = await glpi.post('/api/users', {
    login,
    lastName: login.toUpperCase(),
    password: passwordOf(login),
    defaultEntityId,
  });
  expect(created.status).toBe(201);
  const userId: string = created.body.userId;
  for (const [profileId, entityId, recursive] of grants) {
    const granted = await glpi.post(`/api/users/${userId}/authorizations`, { profileId, entityId, recursive });
    expect(granted.status).toBe(201);
  }
  return userId;
}

async function createGroup(name: string, entityId: string, members: string[]): Promise<string> {
  const created = await glpi.post('/api/groups', { name, entityId });
  expect(created.status).toBe(201);
  for (const userId of members) {
    expect((await glpi.post(`/api/groups/${created.body.groupId}/members`, { userId })).status).toBe(200);
  }
  return created.body.groupId;
}

async function signIn(login: string): Promise<Api> {
  return identity.api((await identity.login(login, passwordOf(login))).accessToken);
}

async function loginStatus(login: string, password = passwordOf(login)): Promise<number> {
  return (await identity.api().post('/api/auth/login', { login, password })).status;
}

/** Everything the super-admin sees: users with their authorizations, groups, entities, profiles. */
async function snapshot() {
  const users = (await glpi.get('/api/users?limit=100')).body.items as Array<{ userId: string }>;
  const authorizations = await Promise.all(
    users.map(async (user) => (await glpi.get(`/api/users/${user.userId}/authorizations`)).body),
  );
  return {
    users,
    authorizations,
    groups: (await glpi.get('/api/groups?limit=100')).body,
    entities: (await glpi.get('/api/entities?limit=100')).body,
    profiles: (await glpi.get('/api/profiles?limit=100')).body,
  };
}

/** Replaces :name placeholders with the ids created in beforeAll. */
const resolve = (path: string) => path.replace(/:([A-Za-z0-9]+)/g, (_, name: string) => id[name] ?? `:${name}`);

beforeAll(async () => {
  identity = await startIdentity(stack);
  glpi = identity.api((await identity.login('glpi')).accessToken);
  id.glpi = (await glpi.get('/api/users?login=glpi')).body.items[0].userId;

  id.A = await createEntity('Filiale A', 'root');
  id.B = await createEntity('Filiale B', 'root');
  id.A1 = await createEntity('Site A1', id.A);

  const users: Array<[string, string, Array<[string, string, boolean]>]> = [
    ['admin-a', id.A, [['admin', id.A, true]]],
    ['admin-b', id.B, [['admin', id.B, true]]],
    ['super-b', id.B, [['super-admin', id.B, true]]],
    ['tech-a', id.A, [['technician', id.A, true]]],
    ['flat-admin-a', id.A, [['admin', id.A, false]]],
    ['self-a', id.A, [['self-service', id.A, true]]],
    ['user-a', id.A, [['observer', id.A, true]]],
    // an observer on A alone: everything it holds is within a non-recursive authorization on A
    ['user-a-flat', id.A, [['observer', id.A, false]]],
    ['user-b', id.B, [['self-service', id.B, true]]],
    ['site-a1-user', id.A1, [['self-service', id.A1, true]]],
    // a technician of A whose authorization reaches Site A1 too
    ['tech-a-rec', id.A, [['technician', id.A, true]]],
    // lives in A and in B: an observer on both
    [
      'bridge',
      id.A,
      [
        ['observer', id.A, true],
        ['observer', id.B, true],
      ],
    ],
  ];
  await Promise.all(
    users.map(async ([login, entityId, grants]) => {
      id[login.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())] = await createUser(login, entityId, grants);
    }),
  );
  // ids by camel-cased login: adminA, adminB, superB, techA, flatAdminA, selfA, userA, userB, siteA1User…
  id.groupA = await createGroup('Groupe A', id.A, [id.userA]);
  id.groupB = await createGroup('Groupe B', id.B, [id.userB]);
  id.groupA1 = await createGroup('Groupe Site A1', id.A1, [id.siteA1User]);
  const authorizationsOf = async (userId: string) =>
    (await glpi.get(`/api/users/${userId}/authorizations`)).body as Array<{
      authorizationId: string;
      entityId: string;
    }>;
  id.userAAuthorization = (await authorizationsOf(id.userA))[0].authorizationId;
  id.bridgeAuthorizationOnA = (await authorizationsOf(id.bridge)).find(
    (held) => held.entityId === id.A,
  )!.authorizationId;

  for (const login of ['admin-a', 'admin-b', 'super-b', 'tech-a', 'flat-admin-a', 'self-a']) {
    as[login] = await signIn(login);
  }
});

// ---------------------------------------------------------------------------------------------
// 1. Tokens: every protected route refuses a missing, expired or forged one

/** Every route that needs a token, with a body that would be accepted from a legitimate caller. */
// every row has all its cells: Jest would take a missing one for a done callback
const PROTECTED: Array<[method: string, path: string, body: unknown]> = [
  ['POST', '/api/auth/logout', undefined],
  ['POST', '/api/auth/switch', { profileId: 'super-admin', entityId: 'root' }],
  ['GET', '/api/me', undefined],
  ['GET', '/api/entities', undefined],
  ['POST', '/api/entities', { name: 'Forged', parentId: 'root' }],
  ['GET', '/api/entities/:A', undefined],
  ['PATCH', '/api/entities/:A', { name: 'Forged' }],
  ['POST', '/api/entities/:A1/move', { parentId: ':B' }],
  ['GET', '/api/users', undefined],
  ['POST', '/api/users', { login: 'forged', lastName: 'FORGED', password: 'forged-password' }],
  ['GET', '/api/users/:userA', undefined],
  ['PATCH', '/api/users/:userA', { firstName: 'Forged' }],
  ['POST', '/api/users/:userA/password', { password: 'forged-password' }],
  ['POST', '/api/users/:userA/deactivate', undefined],
  ['POST', '/api/users/:userA/reactivate', undefined],
  ['POST', '/api/users/:userA/erase', undefined],
  ['GET', '/api/users/:userA/authorizations', undefined],
  ['POST', '/api/users/:userA/authorizations', { profileId: 'super-admin', entityId: 'root', recursive: true }],
  ['DELETE', '/api/users/:userA/authorizations/:userAAuthorization', undefined],
  ['GET', '/api/groups', undefined],
  ['POST', '/api/groups', { name: 'Forged', entityId: 'root' }],
  ['GET', '/api/groups/:groupA', undefined],
  ['PATCH', '/api/groups/:groupA', { name: 'Forged' }],
  ['POST', '/api/groups/:groupA/members', { userId: ':userB' }],
  ['DELETE', '/api/groups/:groupA/members/:userA', undefined],
  ['GET', '/api/profiles', undefined],
  ['POST', '/api/profiles', { name: 'Forged', interface: 'central', rights: ['user.write'] }],
  ['GET', '/api/profiles/rights', undefined],
  ['GET', '/api/profiles/admin', undefined],
  ['PATCH', '/api/profiles/self-service', { rights: [...RIGHTS] }],
];

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

/** The claims of a real token of self-a (a self-service user), with every right added. */
function escalatedClaims(): Record<string, unknown> {
  const token = tokens.selfA;
  const payload = decode(token) as Record<string, unknown>;
  return { ...payload, rights: [...RIGHTS], pid: 'super-admin', eid: 'root', rec: true };
}

const tokens: Record<string, string> = {};
let kid: string;

/** Authorization header values that must all be refused with 401. */
const FORGERIES: Array<[name: string, header: () => string | undefined]> = [
  ['no Authorization header', () => undefined],
  ['an empty bearer', () => 'Bearer '],
  ['another scheme', () => `Basic ${Buffer.from('glpi:glpi').toString('base64')}`],
  ['a token without its scheme', () => tokens.glpi],
  ['a malformed token', () => 'Bearer not.a.jwt'],
  [
    'an expired token (signed with the real key)',
    () => {
      const claims = decode(tokens.glpi) as AccessTokenClaims;
      const expired = new AccessTokenIssuer({ privateKey: stack.serviceEnv.JWT_PRIVATE_KEY, ttlSeconds: -60 });
      return `Bearer ${expired.issue(claimsOnly(claims)).token}`;
    },
  ],
  [
    'an expired token (exp in the past, jsonwebtoken)',
    () => {
      const payload = { ...(decode(tokens.glpi) as Record<string, unknown>), iat: now() - 3600, exp: now() - 1 };
      return `Bearer ${sign(payload, stack.serviceEnv.JWT_PRIVATE_KEY, { algorithm: 'RS256', keyid: kid })}`;
    },
  ],
  ['alg none', () => `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(escalatedClaims())}.`],
  ['alg none with the real kid', () => `Bearer ${b64({ alg: 'none', typ: 'JWT', kid })}.${b64(escalatedClaims())}.`],
  [
    'alg None (other case) keeping the real signature',
    () => `Bearer ${b64({ alg: 'None', typ: 'JWT' })}.${b64(escalatedClaims())}.${tokens.glpi.split('.')[2]}`,
  ],
  [
    'another RSA key, claiming the real kid',
    () => `Bearer ${sign(escalatedClaims(), otherKey, { algorithm: 'RS256', keyid: kid })}`,
  ],
  ['another RSA key, without a kid', () => `Bearer ${sign(escalatedClaims(), otherKey, { algorithm: 'RS256' })}`],
  [
    'a tampered payload (every right) under the real signature',
    () => {
      const [header, , signature] = tokens.selfA.split('.');
      return `Bearer ${header}.${b64(escalatedClaims())}.${signature}`;
    },
  ],
  [
    'a tampered header (kid removed) under the real signature',
    () => {
      const [, payload, signature] = tokens.selfA.split('.');
      return `Bearer ${b64({ alg: 'RS256', typ: 'JWT' })}.${payload}.${signature}`;
    },
  ],
  [
    'HS256 signed with the public key as the secret',
    () => {
      const unsigned = `${b64({ alg: 'HS256', typ: 'JWT', kid })}.${b64(escalatedClaims())}`;
      const signature = createHmac('sha256', stack.serviceEnv.JWT_PUBLIC_KEYS).update(unsigned).digest('base64url');
      return `Bearer ${unsigned}.${signature}`;
    },
  ],
  [
    'HS256 signed with the public key as the secret, without a kid',
    () => {
      const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(escalatedClaims())}`;
      const signature = createHmac('sha256', stack.serviceEnv.JWT_PUBLIC_KEYS).update(unsigned).digest('base64url');
      return `Bearer ${unsigned}.${signature}`;
    },
  ],
  [
    'a real-key token from another issuer',
    () => {
      const payload = { ...escalatedClaims(), iss: 'someone-else', exp: now() + 300 };
      return `Bearer ${sign(payload, stack.serviceEnv.JWT_PRIVATE_KEY, { algorithm: 'RS256', keyid: kid })}`;
    },
  ],
  [
    'a real-key token for another audience',
    () => {
      const payload = { ...escalatedClaims(), aud: 'another-app', exp: now() + 300 };
      return `Bearer ${sign(payload, stack.serviceEnv.JWT_PRIVATE_KEY, { algorithm: 'RS256', keyid: kid })}`;
    },
  ],
  [
    'a real-key token whose claims are not shaped like ours (rights as a string)',
    () => {
      const payload = { ...escalatedClaims(), rights: 'user.write', exp: now() + 300 };
      return `Bearer ${sign(payload, stack.serviceEnv.JWT_PRIVATE_KEY, { algorithm: 'RS256', keyid: kid })}`;
    },
  ],
];

let otherKey: string;

function claimsOnly({ sub, login, name, pid, rights, eid, rec, sid }: AccessTokenClaims): AccessTokenClaims {
  return { sub, login, name, pid, rights, eid, rec, sid };
}

describe('tokens: every protected route refuses a missing, expired or forged one', () => {
  let before: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    tokens.glpi = (await identity.login('glpi')).accessToken;
    tokens.selfA = (await identity.login('self-a', passwordOf('self-a'))).accessToken;
    kid = keyIdOf(createPublicKey(stack.serviceEnv.JWT_PRIVATE_KEY));
    otherKey = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    }).privateKey;
    before = await snapshot();
  });

  it('accepts a token signed with the real key (control: the forgeries below differ only in what they forge)', async () => {
    const genuine = new AccessTokenIssuer({ privateKey: stack.serviceEnv.JWT_PRIVATE_KEY, ttlSeconds: 300 });
    const token = genuine.issue(claimsOnly(decode(tokens.glpi) as AccessTokenClaims)).token;
    expect((await request('GET', '/api/me', `Bearer ${token}`)).status).toBe(200);
    expect((await request('GET', '/api/users', `Bearer ${token}`)).status).toBe(200);
    // a self-service token is genuine too, but holds no directory right
    expect((await request('GET', '/api/users', `Bearer ${tokens.selfA}`)).status).toBe(403);
  });

  describe.each(FORGERIES)('%s', (_name, header) => {
    it.each(PROTECTED)('%s %s → 401 with a message', async (method, path, body) => {
      const resolvedBody = body === undefined ? undefined : JSON.parse(resolve(JSON.stringify(body)));
      const answer = await request(method, resolve(path), header(), resolvedBody);
      expect({ status: answer.status, body: answer.body }).toMatchObject({
        status: 401,
        body: { detail: expect.any(String) },
      });
    });
  });

  it('changed nothing through all those requests', async () => {
    expect(await snapshot()).toEqual(before);
    expect(await loginStatus('user-a')).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Sibling entities: admin-b (and super-b) see nothing of Filiale A and change nothing

describe('a user of a sibling entity sees nothing and changes nothing', () => {
  let before: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    before = await snapshot();
  });

  it('lists only the users, groups and entities of its own entity', async () => {
    const users = await as['admin-b'].get('/api/users?limit=100');
    expect(users.status).toBe(200);
    // bridge holds an authorization on B, so B sees it; nobody of A or of the root alone
    expect(users.body.items.map((user: { login: string }) => user.login).sort()).toEqual([
      'admin-b',
      'bridge',
      'super-b',
      'user-b',
    ]);
    expect(users.body.total).toBe(4);
    for (const login of ['admin-a', 'user-a', 'glpi', 'tech', 'site-a1-user']) {
      expect((await as['admin-b'].get(`/api/users?login=${login}`)).body).toMatchObject({ total: 0, items: [] });
    }
    const groups = await as['admin-b'].get('/api/groups?limit=100');
    expect(groups.body.items.map((group: { groupId: string }) => group.groupId)).toEqual([id.groupB]);
    const entities = await as['admin-b'].get('/api/entities?limit=100');
    expect(entities.body.items.map((entity: { entityId: string }) => entity.entityId)).toEqual([id.B]);
    const me = await as['admin-b'].get('/api/me');
    expect(me.body.entities.map((entity: { entityId: string }) => entity.entityId)).toEqual([id.B]);
  });

  it('sees, of a user living in both, only what belongs to its own entity', async () => {
    const authorizations = await as['admin-b'].get(`/api/users/${id.bridge}/authorizations`);
    expect(authorizations.body.map((held: { entityId: string }) => held.entityId)).toEqual([id.B]);
    const groupsOfUserA = await glpi.post(`/api/groups/${id.groupA}/members`, { userId: id.bridge });
    expect(groupsOfUserA.status).toBe(200);
    try {
      expect((await as['admin-b'].get(`/api/users/${id.bridge}`)).body.groups).toEqual([]);
    } finally {
      expect((await glpi.delete(`/api/groups/${id.groupA}/members/${id.bridge}`)).status).toBe(204);
    }
  });

  const ATTEMPTS: Array<[who: string, method: string, path: string, body: unknown, status: number]> = [
    ['admin-b', 'GET', '/api/users/:userA', undefined, 404],
    ['admin-b', 'GET', '/api/users/:glpi', undefined, 404],
    ['admin-b', 'GET', '/api/users/:siteA1User', undefined, 404],
    ['admin-b', 'GET', '/api/users/:userA/authorizations', undefined, 404],
    ['admin-b', 'PATCH', '/api/users/:userA', { firstName: 'Pwned' }, 404],
    ['admin-b', 'POST', '/api/users/:userA/password', { password: 'hijacked-password' }, 404],
    ['admin-b', 'POST', '/api/users/:adminA/password', { password: 'hijacked-password' }, 404],
    ['admin-b', 'POST', '/api/users/:userA/deactivate', undefined, 404],
    ['admin-b', 'POST', '/api/users/:userA/reactivate', undefined, 404],
    ['admin-b', 'POST', '/api/users/:userA/erase', undefined, 404],
    ['admin-b', 'POST', '/api/users/:userA/authorizations', { profileId: 'observer', entityId: ':B' }, 404],
    ['admin-b', 'POST', '/api/users/:userB/authorizations', { profileId: 'observer', entityId: ':A' }, 403],
    ['admin-b', 'POST', '/api/users/:userB/authorizations', { profileId: 'observer', entityId: 'root' }, 403],
    ['admin-b', 'DELETE', '/api/users/:userA/authorizations/:userAAuthorization', undefined, 404],
    ['admin-b', 'DELETE', '/api/users/:bridge/authorizations/:bridgeAuthorizationOnA', undefined, 403],
    ['admin-b', 'POST', '/api/users', { login: 'planted-in-a', lastName: 'PLANTED', defaultEntityId: ':A' }, 404],
    ['admin-b', 'GET', '/api/groups/:groupA', undefined, 404],
    ['admin-b', 'PATCH', '/api/groups/:groupA', { name: 'Pwned' }, 404],
    ['admin-b', 'POST', '/api/groups/:groupA/members', { userId: ':userB' }, 404],
    ['admin-b', 'DELETE', '/api/groups/:groupA/members/:userA', undefined, 404],
    ['admin-b', 'POST', '/api/groups/:groupB/members', { userId: ':userA' }, 404],
    ['admin-b', 'PATCH', '/api/groups/:groupB', { parentId: ':groupA' }, 404],
    ['admin-b', 'POST', '/api/groups', { name: 'Planted', entityId: ':A' }, 404],
    ['admin-b', 'GET', '/api/entities/:A', undefined, 404],
    ['admin-b', 'GET', '/api/entities/:A1', undefined, 404],
    ['admin-b', 'GET', '/api/entities/root', undefined, 404],
    // the Admin profile holds no entity.write: refused before any lookup
    ['admin-b', 'PATCH', '/api/entities/:A', { name: 'Pwned' }, 403],
    ['admin-b', 'POST', '/api/auth/switch', { profileId: 'admin', entityId: ':A' }, 403],
    // super-b holds every right, on B only
    ['super-b', 'PATCH', '/api/entities/:A', { name: 'Pwned' }, 404],
    ['super-b', 'PATCH', '/api/entities/root', { settings: { autoCloseMode: 'days', autoCloseDelayDays: 1 } }, 404],
    ['super-b', 'POST', '/api/entities', { name: 'Planted', parentId: ':A' }, 404],
    ['super-b', 'POST', '/api/entities', { name: 'Planted', parentId: 'root' }, 404],
    ['super-b', 'POST', '/api/entities/:A/move', { parentId: ':B' }, 404],
    ['super-b', 'POST', '/api/entities/:A1/move', { parentId: ':B' }, 404],
    ['super-b', 'POST', '/api/entities/:B/move', { parentId: ':A' }, 404],
    ['super-b', 'POST', '/api/entities/:B/move', { parentId: 'root' }, 404],
    ['super-b', 'POST', '/api/users/:userB/authorizations', { profileId: 'super-admin', entityId: 'root' }, 403],
    ['super-b', 'POST', '/api/users/:userB/authorizations', { profileId: 'observer', entityId: ':A' }, 403],
    ['super-b', 'POST', '/api/users/:adminA/password', { password: 'hijacked-password' }, 404],
    ['super-b', 'POST', '/api/users/:glpi/deactivate', undefined, 404],
  ];

  it.each(ATTEMPTS)('%s: %s %s %j → %s', async (who, method, path, body, status) => {
    const resolvedBody = body === undefined ? undefined : JSON.parse(resolve(JSON.stringify(body)));
    const answer = await request(method, resolve(path), `Bearer ${await tokenOf(who)}`, resolvedBody);
    expect({ status: answer.status, message: typeof answer.body?.detail }).toEqual({ status, message: 'string' });
  });

  it('changed nothing: the super-admin sees the same users, authorizations, groups, entities and profiles', async () => {
    expect(await snapshot()).toEqual(before);
    expect(await loginStatus('user-a')).toBe(200);
    expect(await loginStatus('admin-a')).toBe(200);
    expect(await loginStatus('planted-in-a', 'whatever-password')).toBe(401);
  });
});

const signedIn: Record<string, string> = {};
async function tokenOf(login: string): Promise<string> {
  signedIn[login] ??= (await identity.login(login, passwordOf(login))).accessToken;
  return signedIn[login];
}

// ---------------------------------------------------------------------------------------------
// 3. A non-recursive authorization does not reach the sub-entities

describe('a non-recursive authorization on A does not reach Site A1', () => {
  let before: Awaited<ReturnType<typeof snapshot>>;
  let flat: Api;

  beforeAll(async () => {
    flat = as['flat-admin-a'];
    before = await snapshot();
  });

  it('works on A itself (control)', async () => {
    expect((await flat.get(`/api/entities/${id.A}`)).status).toBe(200);
    expect((await flat.get(`/api/users/${id.userA}`)).status).toBe(200);
    expect((await flat.get(`/api/groups/${id.groupA}`)).status).toBe(200);
  });

  it('sees neither Site A1 nor the users and groups that live only there', async () => {
    const entities = await flat.get('/api/entities?limit=100');
    expect(entities.body.items.map((entity: { entityId: string }) => entity.entityId)).toEqual([id.A]);
    const users = await flat.get('/api/users?limit=100');
    expect(users.body.items.map((user: { login: string }) => user.login)).not.toContain('site-a1-user');
    expect((await flat.get('/api/users?login=site-a1')).body.total).toBe(0);
    const groups = await flat.get('/api/groups?limit=100');
    expect(groups.body.items.map((group: { groupId: string }) => group.groupId)).toEqual([id.groupA]);
    expect((await flat.get('/api/me')).body.entities.map((entity: { entityId: string }) => entity.entityId)).toEqual([
      id.A,
    ]);
  });

  const ATTEMPTS: Array<[method: string, path: string, body: unknown, status: number]> = [
    ['GET', '/api/entities/:A1', undefined, 404],
    ['GET', '/api/users/:siteA1User', undefined, 404],
    ['GET', '/api/users/:siteA1User/authorizations', undefined, 404],
    ['PATCH', '/api/users/:siteA1User', { firstName: 'Pwned' }, 404],
    ['POST', '/api/users/:siteA1User/password', { password: 'hijacked-password' }, 404],
    ['POST', '/api/users/:siteA1User/deactivate', undefined, 404],
    ['POST', '/api/users/:siteA1User/erase', undefined, 404],
    ['POST', '/api/users/:siteA1User/authorizations', { profileId: 'observer', entityId: ':A', recursive: false }, 404],
    ['POST', '/api/users', { login: 'planted-in-a1', lastName: 'PLANTED', defaultEntityId: ':A1' }, 404],
    ['POST', '/api/users/:userAFlat/authorizations', { profileId: 'hotliner', entityId: ':A1', recursive: false }, 403],
    // recursive on A would reach Site A1
    ['POST', '/api/users/:userAFlat/authorizations', { profileId: 'hotliner', entityId: ':A', recursive: true }, 403],
    ['POST', '/api/users/:userAFlat/authorizations', { profileId: 'hotliner', entityId: ':A' }, 403],
    ['GET', '/api/groups/:groupA1', undefined, 404],
    ['PATCH', '/api/groups/:groupA1', { name: 'Pwned' }, 404],
    ['POST', '/api/groups/:groupA1/members', { userId: ':userA' }, 404],
    ['DELETE', '/api/groups/:groupA1/members/:siteA1User', undefined, 404],
    ['POST', '/api/groups', { name: 'Planted', entityId: ':A1' }, 404],
    ['PATCH', '/api/groups/:groupA', { parentId: ':groupA1' }, 404],
    ['POST', '/api/auth/switch', { profileId: 'admin', entityId: ':A1' }, 403],
  ];

  it.each(ATTEMPTS)('%s %s %j → %s', async (method, path, body, status) => {
    const resolvedBody = body === undefined ? undefined : JSON.parse(resolve(JSON.stringify(body)));
    const answer = await request(method, resolve(path), `Bearer ${await tokenOf('flat-admin-a')}`, resolvedBody);
    expect({ status: answer.status, message: typeof answer.body?.detail }).toEqual({ status, message: 'string' });
  });

  it('changed nothing', async () => {
    expect(await snapshot()).toEqual(before);
    expect(await loginStatus('site-a1-user')).toBe(200);
  });

  it('cannot take over an account whose authorization reaches Site A1 (password, e-mail, deactivation)', async () => {
    // tech-a-rec is a technician on A *recursively*: its account opens Site A1
    const reset = await flat.post(`/api/users/${id.techARec}/password`, { password: 'taken-over-by-flat' });
    expect(reset.status).toBe(403);
    const email = await flat.patch(`/api/users/${id.techARec}`, { emails: ['attacker@example.org'] });
    expect(email.status).toBe(403);
    const takeoverOfAdmin = await flat.post(`/api/users/${id.adminA}/password`, { password: 'taken-over-by-flat' });
    expect(takeoverOfAdmin.status).toBe(403);

    expect(await loginStatus('tech-a-rec')).toBe(200);
    expect(await loginStatus('tech-a-rec', 'taken-over-by-flat')).toBe(401);
    expect(await loginStatus('admin-a')).toBe(200);
    expect((await glpi.get(`/api/users/${id.techARec}`)).body.emails).toEqual([]);
  });

  it('grants on A alone (control: the refusals above are about the reach, not the right)', async () => {
    const granted = await flat.post(`/api/users/${id.userAFlat}/authorizations`, {
      profileId: 'hotliner',
      entityId: id.A,
      recursive: false,
    });
    expect(granted.status).toBe(201);
    const held = granted.body.find((authorization: { profileId: string }) => authorization.profileId === 'hotliner');
    expect(held).toMatchObject({ entityId: id.A, recursive: false });
    expect((await glpi.delete(`/api/users/${id.userAFlat}/authorizations/${held.authorizationId}`)).status).toBe(204);
  });
});

// ---------------------------------------------------------------------------------------------
// 3b. Reaching a sibling through a user who lives in both

describe('an administrator cannot reach a sibling entity through a user who lives in both', () => {
  it('admin-a cannot reset the password of, nor deactivate, bridge (an observer on A and on B)', async () => {
    const reset = await as['admin-a'].post(`/api/users/${id.bridge}/password`, { password: 'taken-over-by-a' });
    expect(reset.status).toBe(403);
    const resetFromB = await as['super-b'].post(`/api/users/${id.bridge}/password`, { password: 'taken-over-by-b' });
    expect(resetFromB.status).toBe(403);
    const deactivated = await as['admin-a'].post(`/api/users/${id.bridge}/deactivate`);
    expect(deactivated.status).toBe(403);

    expect(await loginStatus('bridge')).toBe(200);
    expect(await loginStatus('bridge', 'taken-over-by-a')).toBe(401);
    expect(await loginStatus('bridge', 'taken-over-by-b')).toBe(401);
    expect((await glpi.get(`/api/users/${id.bridge}`)).body.active).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Mass assignment: fields outside the DTOs are refused, never stored

describe('mass assignment: unknown fields are refused with a 400 naming them', () => {
  let before: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    before = await snapshot();
  });

  const USER_FIELDS: Array<[field: string, value: unknown]> = [
    ['passwordHash', '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2g'],
    ['authorizations', [{ authorizationId: 'x', profileId: 'super-admin', entityId: 'root', recursive: true }]],
    ['login', 'renamed'],
    ['userId', '00000000-0000-0000-0000-000000000000'],
    ['erased', true],
    ['active', false],
    ['entityIds', ['root']],
    ['loginLower', 'glpi'],
    ['rights', [...RIGHTS]],
    // __proto__ and constructor: see identity.security-input.e2e.spec.ts
  ];

  it.each(USER_FIELDS)('PATCH /api/users/:id with %s → 400', async (field, value) => {
    const answer = await glpi.raw(
      'PATCH',
      `/api/users/${id.userA}`,
      `{"firstName":"Eve",${JSON.stringify(field)}:${JSON.stringify(value)}}`,
    );
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body.detail)).toContain(field);
  });

  it.each(USER_FIELDS)('a user editing itself, PATCH /api/users/<self> with %s → 400', async (field, value) => {
    const answer = await as['self-a'].raw(
      'PATCH',
      `/api/users/${id.selfA}`,
      `{"firstName":"Eve",${JSON.stringify(field)}:${JSON.stringify(value)}}`,
    );
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body.detail)).toContain(field);
  });

  it.each(USER_FIELDS.filter(([field]) => field !== 'login' && field !== 'active'))(
    'POST /api/users with %s → 400',
    async (field, value) => {
      const body = `{"login":"mass-assigned","lastName":"MASS","password":"mass-assigned-pw",${JSON.stringify(field)}:${JSON.stringify(value)}}`;
      const answer = await glpi.raw('POST', '/api/users', body);
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body.detail)).toContain(field);
    },
  );

  const OTHER: Array<[method: string, path: string, body: Record<string, unknown>, field: string]> = [
    ['PATCH', '/api/profiles/observer', { rights: ['ticket.create'], name: 'Hacked' }, 'name'],
    ['PATCH', '/api/profiles/observer', { rights: ['ticket.create'], interface: 'helpdesk' }, 'interface'],
    ['PATCH', '/api/profiles/observer', { rights: ['ticket.create'], profileId: 'super-admin' }, 'profileId'],
    ['POST', '/api/profiles', { name: 'X', interface: 'central', rights: [], profileId: 'super-admin' }, 'profileId'],
    ['POST', '/api/entities', { name: 'X', parentId: 'root', entityId: 'root' }, 'entityId'],
    ['PATCH', '/api/entities/:A', { name: 'X', parentId: ':B' }, 'parentId'],
    ['PATCH', '/api/entities/:A', { settings: { autoCloseMode: 'never', owner: 'x' } }, 'owner'],
    ['PATCH', '/api/groups/:groupA', { name: 'X', entityId: ':B' }, 'entityId'],
    ['PATCH', '/api/groups/:groupA', { name: 'X', members: [':userB'] }, 'members'],
    ['POST', '/api/groups', { name: 'X', entityId: ':A', groupId: 'fixed' }, 'groupId'],
    ['POST', '/api/groups/:groupA/members', { userId: ':userB', role: 'manager' }, 'role'],
    [
      'POST',
      '/api/users/:userA/authorizations',
      { profileId: 'observer', entityId: ':A', rights: [...RIGHTS] },
      'rights',
    ],
    ['POST', '/api/users/:userA/password', { password: 'a-new-password', passwordHash: 'x' }, 'passwordHash'],
    ['POST', '/api/auth/switch', { profileId: 'super-admin', entityId: 'root', recursive: true }, 'recursive'],
  ];

  it.each(OTHER)('%s %s with %j → 400 naming %s', async (method, path, body, field) => {
    const answer = await glpi.raw(method, resolve(path), resolve(JSON.stringify(body)));
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body.detail)).toContain(field);
  });

  it('POST /api/auth/login with extra claims → 400', async () => {
    const answer = await identity.api().post('/api/auth/login', {
      login: 'self-a',
      password: passwordOf('self-a'),
      rights: ['platform.operate', 'profile.write'],
    });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body.detail)).toContain('rights');
  });

  it('changed nothing', async () => {
    expect(await snapshot()).toEqual(before);
    expect(await loginStatus('user-a')).toBe(200);
    expect(await loginStatus('mass-assigned', 'mass-assigned-pw')).toBe(401);
    // self-a is still the self-service user it was
    const me = (await identity.api((await identity.login('self-a', passwordOf('self-a'))).accessToken).get('/api/me'))
      .body;
    expect(me.activeProfile.profileId).toBe('self-service');
    expect(me.user.firstName).toBe('');
  });
});

// ---------------------------------------------------------------------------------------------
// 5. Escalation: nobody gets more than they hold

describe('privilege escalation', () => {
  async function authorizationsOf(userId: string) {
    return (await glpi.get(`/api/users/${userId}/authorizations`)).body;
  }

  it('a self-service user cannot grant itself a profile, nor switch to one it lacks', async () => {
    const before = await authorizationsOf(id.selfA);
    const self = as['self-a'];
    const grant = await self.post(`/api/users/${id.selfA}/authorizations`, {
      profileId: 'super-admin',
      entityId: 'root',
      recursive: true,
    });
    expect(grant.status).toBe(403);
    expect(grant.body.detail).toEqual(expect.any(String));
    expect(
      (await self.post(`/api/users/${id.selfA}/authorizations`, { profileId: 'technician', entityId: id.A })).status,
    ).toBe(403);
    expect((await self.post('/api/auth/switch', { profileId: 'super-admin', entityId: 'root' })).status).toBe(403);
    expect((await self.post('/api/auth/switch', { profileId: 'self-service', entityId: id.B })).status).toBe(403);
    // its own details are its own, but not its default profile beyond what it holds
    const defaults = await self.patch(`/api/users/${id.selfA}`, { defaultProfileId: 'super-admin' });
    expect(defaults.status).toBe(422);
    const elsewhere = await self.patch(`/api/users/${id.selfA}`, { defaultEntityId: id.B });
    expect(elsewhere.status).toBe(422);

    expect(await authorizationsOf(id.selfA)).toEqual(before);
    const me = (await identity.api((await identity.login('self-a', passwordOf('self-a'))).accessToken).get('/api/me'))
      .body;
    expect(me).toMatchObject({ activeProfile: { profileId: 'self-service' }, activeEntityId: id.A });
    expect(me.user).toMatchObject({ defaultProfileId: null, defaultEntityId: id.A });
  });

  it('a self-service user cannot edit profiles nor create one', async () => {
    const before = (await glpi.get('/api/profiles/self-service')).body;
    const self = as['self-a'];
    const patched = await self.patch('/api/profiles/self-service', { rights: [...RIGHTS] });
    expect(patched.status).toBe(403);
    expect(patched.body.detail).toMatch(/profile\.write/);
    const created = await self.post('/api/profiles', { name: 'Mine', interface: 'central', rights: [...RIGHTS] });
    expect(created.status).toBe(403);
    expect((await glpi.get('/api/profiles/self-service')).body).toEqual(before);
    expect(
      (await glpi.get('/api/profiles?limit=100')).body.items.map((profile: { name: string }) => profile.name),
    ).not.toContain('Mine');
  });

  it('a self-service user cannot change another user of its entity', async () => {
    const before = (await glpi.get(`/api/users/${id.userA}`)).body;
    const self = as['self-a'];
    expect((await self.patch(`/api/users/${id.userA}`, { firstName: 'Pwned' })).status).toBe(403);
    expect((await self.post(`/api/users/${id.userA}/password`, { password: 'hijacked-password' })).status).toBe(403);
    expect((await self.post(`/api/users/${id.adminA}/password`, { password: 'hijacked-password' })).status).toBe(403);
    expect((await self.post(`/api/users/${id.userA}/deactivate`)).status).toBe(403);
    expect((await glpi.get(`/api/users/${id.userA}`)).body).toEqual(before);
    expect(await loginStatus('user-a')).toBe(200);
  });

  it('a technician cannot change an administrator’s password nor details', async () => {
    const before = (await glpi.get(`/api/users/${id.adminA}`)).body;
    const tech = as['tech-a'];
    const reset = await tech.post(`/api/users/${id.adminA}/password`, { password: 'taken-over-by-tech' });
    expect(reset.status).toBe(403);
    expect(reset.body.detail).toEqual(expect.any(String));
    const email = await tech.patch(`/api/users/${id.adminA}`, { emails: ['attacker@example.org'] });
    expect(email.status).toBe(403);
    const name = await tech.patch(`/api/users/${id.adminA}`, { lastName: 'PWNED' });
    expect(name.status).toBe(403);
    expect((await tech.post(`/api/users/${id.adminA}/deactivate`)).status).toBe(403);
    expect((await tech.post(`/api/users/${id.adminA}/erase`)).status).toBe(403);
    // nor anyone else's: a technician holds no user.write
    expect((await tech.post(`/api/users/${id.selfA}/password`, { password: 'taken-over-by-tech' })).status).toBe(403);

    expect((await glpi.get(`/api/users/${id.adminA}`)).body).toEqual(before);
    expect(await loginStatus('admin-a')).toBe(200);
    expect(await loginStatus('admin-a', 'taken-over-by-tech')).toBe(401);
    expect(await loginStatus('self-a')).toBe(200);
  });

  it('an administrator cannot grant a profile holding rights it lacks, nor beyond its entities', async () => {
    const before = await authorizationsOf(id.techA);
    const admin = as['admin-a'];
    const superAdmin = await admin.post(`/api/users/${id.techA}/authorizations`, {
      profileId: 'super-admin',
      entityId: id.A,
    });
    expect(superAdmin.status).toBe(403);
    expect(superAdmin.body.detail).toMatch(/entity\.write|profile\.write/);
    const onB = await admin.post(`/api/users/${id.techA}/authorizations`, { profileId: 'admin', entityId: id.B });
    expect(onB.status).toBe(403);
    const onRoot = await admin.post(`/api/users/${id.techA}/authorizations`, {
      profileId: 'admin',
      entityId: 'root',
      recursive: false,
    });
    expect(onRoot.status).toBe(403);
    // the root's users are not its own: glpi does not exist for it
    expect((await admin.post(`/api/users/${id.glpi}/password`, { password: 'taken-over-by-a' })).status).toBe(404);
    expect(await authorizationsOf(id.techA)).toEqual(before);
    expect(await loginStatus('glpi', 'glpi')).toBe(200);
  });

  it('nobody grants itself anything nor revokes its own authorizations', async () => {
    const before = await authorizationsOf(id.adminA);
    const admin = as['admin-a'];
    const self = await admin.post(`/api/users/${id.adminA}/authorizations`, {
      profileId: 'observer',
      entityId: id.A1,
      recursive: false,
    });
    expect(self.status).toBe(403);
    const revoke = await admin.delete(`/api/users/${id.adminA}/authorizations/${before[0].authorizationId}`);
    expect(revoke.status).toBe(403);
    expect(await authorizationsOf(id.adminA)).toEqual(before);
  });

  it('an administrator cannot edit profiles (Admin holds no profile.write)', async () => {
    const before = (await glpi.get('/api/profiles/admin')).body;
    const admin = as['admin-a'];
    expect((await admin.patch('/api/profiles/admin', { rights: [...RIGHTS] })).status).toBe(403);
    expect((await admin.patch('/api/profiles/technician', { rights: [...RIGHTS] })).status).toBe(403);
    expect((await admin.post('/api/profiles', { name: 'All', interface: 'central', rights: [...RIGHTS] })).status).toBe(
      403,
    );
    expect((await glpi.get('/api/profiles/admin')).body).toEqual(before);
  });

  it('a profile editor can only put in a profile, or take out of one, the rights it holds', async () => {
    const editorProfile = await glpi.post('/api/profiles', {
      name: 'Profile editor',
      interface: 'central',
      rights: ['profile.read', 'profile.write', 'user.read'],
    });
    expect(editorProfile.status).toBe(201);
    const editorId = await createUser('profile-editor', id.A, [[editorProfile.body.profileId, id.A, true]]);
    expect(editorId).toBeTruthy();
    const editor = await signIn('profile-editor');
    const profilesBefore = (await glpi.get('/api/profiles?limit=100')).body;

    const addToOwn = await editor.patch(`/api/profiles/${editorProfile.body.profileId}`, {
      rights: ['profile.read', 'profile.write', 'user.read', 'user.write'],
    });
    expect(addToOwn.status).toBe(403);
    const addToSelfService = await editor.patch('/api/profiles/self-service', {
      rights: ['ticket.create', 'ticket.read-own', 'user.write'],
    });
    expect(addToSelfService.status).toBe(403);
    // emptying the Admin profile would take out rights the editor never held
    expect((await editor.patch('/api/profiles/admin', { rights: [] })).status).toBe(403);
    const created = await editor.post('/api/profiles', {
      name: 'Escalated',
      interface: 'central',
      rights: [...RIGHTS],
    });
    expect(created.status).toBe(403);
    expect((await glpi.get('/api/profiles?limit=100')).body).toEqual(profilesBefore);
  });
});

// ---------------------------------------------------------------------------------------------
// 6. Sign-in: no oracle, brute-force brakes, sessions that end

describe('sign-in and sessions', () => {
  it('answers a wrong password and an unknown login alike', async () => {
    await createUser('probe-me', id.A, [['observer', id.A, true]]);
    const anonymous = identity.api();
    const wrong = await anonymous.post('/api/auth/login', { login: 'probe-me', password: 'not-the-password' });
    const unknown = await anonymous.post('/api/auth/login', { login: 'nobody-here', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(unknown).toEqual(wrong);
    expect(wrong.body.detail).toEqual(expect.any(String));
    expect(JSON.stringify(wrong.body)).not.toMatch(/probe-me|not-the-password/);
  });

  it(`locks a login after ${5} failures (429 with a message), even with the right password and in any case`, async () => {
    await createUser('lock-me', id.A, [['observer', id.A, true]]);
    const anonymous = identity.api();
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await anonymous.post('/api/auth/login', { login: 'lock-me', password: `guess-${attempt}` })).status).toBe(
        401,
      );
    }
    const locked = await anonymous.post('/api/auth/login', { login: 'lock-me', password: passwordOf('lock-me') });
    expect(locked.status).toBe(429);
    expect(locked.body.detail).toMatch(/too many failed logins/);
    const otherCase = await anonymous.post('/api/auth/login', { login: 'LOCK-ME', password: passwordOf('lock-me') });
    expect(otherCase.status).toBe(429);
    // the lock is per login: the others still sign in
    expect(await loginStatus('user-a')).toBe(200);
  });

  it('refuses a deactivated user like a wrong password, and ends its sessions', async () => {
    const leaverId = await createUser('leaver', id.A, [['observer', id.A, true]]);
    const session = await identity.login('leaver', passwordOf('leaver'));
    const wrong = await identity.api().post('/api/auth/login', { login: 'leaver', password: 'not-the-password' });

    expect((await glpi.post(`/api/users/${leaverId}/deactivate`)).status).toBe(200);
    const refused = await identity.api().post('/api/auth/login', { login: 'leaver', password: passwordOf('leaver') });
    expect(refused).toEqual(wrong);
    const refresh = await identity.api().post('/api/auth/refresh', { refreshToken: session.refreshToken });
    expect(refresh.status).toBe(401);
    expect(refresh.body.detail).toEqual(expect.any(String));
    const switched = await identity
      .api(session.accessToken)
      .post('/api/auth/switch', { profileId: 'observer', entityId: id.A });
    expect(switched.status).toBe(401);
  });

  it('detects a refresh token used twice: the second use and the session’s newer token are refused', async () => {
    const first = await identity.login('user-b', passwordOf('user-b'));
    const second = await identity.api().post('/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    const replay = await identity.api().post('/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(replay.status).toBe(401);
    expect(replay.body.detail).toEqual(expect.any(String));
    const newer = await identity.api().post('/api/auth/refresh', { refreshToken: second.body.refreshToken });
    expect(newer.status).toBe(401);
    const switched = await identity
      .api(second.body.accessToken)
      .post('/api/auth/switch', { profileId: 'self-service', entityId: id.B });
    expect(switched.status).toBe(401);
    // the user itself can sign in again
    expect(await loginStatus('user-b')).toBe(200);
  });

  it('refuses the refresh token after logout', async () => {
    const session = await identity.login('user-b', passwordOf('user-b'));
    expect((await identity.api(session.accessToken).post('/api/auth/logout')).status).toBe(204);
    const refresh = await identity.api().post('/api/auth/refresh', { refreshToken: session.refreshToken });
    expect(refresh.status).toBe(401);
    expect(refresh.body.detail).toEqual(expect.any(String));
    const switched = await identity
      .api(session.accessToken)
      .post('/api/auth/switch', { profileId: 'self-service', entityId: id.B });
    expect(switched.status).toBe(401);
  });

  it('refuses a made-up refresh token', async () => {
    const made = await identity.api().post('/api/auth/refresh', { refreshToken: randomUUID().replace(/-/g, '') });
    expect(made.status).toBe(401);
    expect(made.body.detail).toEqual(expect.any(String));
  });

  it('never shows a password or a hash in any answer', async () => {
    const created = await glpi.post('/api/users', {
      login: 'secret-keeper',
      lastName: 'KEEPER',
      password: 'Very-Secret-Password-42',
      defaultEntityId: id.A,
    });
    const granted = await glpi.post(`/api/users/${created.body.userId}/authorizations`, {
      profileId: 'observer',
      entityId: id.A,
    });
    const login = await identity.api().post('/api/auth/login', {
      login: 'secret-keeper',
      password: 'Very-Secret-Password-42',
    });
    const refreshed = await identity.api().post('/api/auth/refresh', { refreshToken: login.body.refreshToken });
    const keeper = identity.api(refreshed.body.accessToken);
    const answers: unknown[] = [created, granted, login, refreshed, await keeper.get('/api/me')];
    const patched = await glpi.patch(`/api/users/${created.body.userId}`, { firstName: 'Sam' });
    expect(patched.status).toBe(200);
    answers.push(patched);
    answers.push(await glpi.get('/api/users?limit=100'));
    for (const user of (await glpi.get('/api/users?limit=100')).body.items as Array<{ userId: string }>) {
      answers.push(await glpi.get(`/api/users/${user.userId}`));
    }
    answers.push(await glpi.get('/api/me'), await as['admin-a'].get('/api/me'), await as['self-a'].get('/api/me'));
    // a password refused by validation is not echoed either
    answers.push(await glpi.post(`/api/users/${created.body.userId}/password`, { password: 'Short-1' }));
    const text = JSON.stringify(answers);
    expect(text).not.toMatch(/argon2|passwordHash|Very-Secret-Password-42|Short-1/);
    for (const login of ['glpi', 'admin-a', 'self-a', 'user-a']) {
      expect(text).not.toContain(passwordOf(login));
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 6b. Per-address brake, on an app of its own (startIdentity sets it to 10000 by default)

describe('the per-address brake', () => {
  const ownStack = useIsolatedStack();
  let limited: IdentityUnderTest;

  beforeAll(async () => {
    limited = await startIdentity(ownStack, { RATE_LIMIT_LOGIN_PER_ADDRESS: '5' });
  });

  it('answers 429 with a message after 5 attempts a minute from one address, whatever the login', async () => {
    const anonymous = limited.api();
    const logins = ['glpi', 'tech', 'normal', 'post-only', 'S1'];
    for (const login of logins) {
      expect((await anonymous.post('/api/auth/login', { login, password: login })).status).toBe(200);
    }
    const sixth = await anonymous.post('/api/auth/login', { login: 'glpi', password: 'glpi' });
    expect(sixth.status).toBe(429);
    expect(sixth.body.detail).toMatch(/too many login attempts from this address/);
    const unknown = await anonymous.post('/api/auth/login', { login: 'nobody', password: 'whatever' });
    expect(unknown.status).toBe(429);
  });
});
