import { topicFor } from '@itsm/contracts';
import { eventually, readTopic, stackKafka, useIsolatedStack } from '@itsm/testing';
import { MongoClient } from 'mongodb';
import { commandMetadata, systemCaller } from '@itsm/auth';
import { EventSourcedCommands } from '@itsm/runtime';
import { startIdentity, type Api, type IdentityUnderTest } from './test-support/identity-test-app';
import { pseudonymOf } from './user/use-cases/erase-user/personal-data';
import { userDecider, userStreamId } from './user/user.decider';

const stack = useIsolatedStack();
let identity: IdentityUnderTest;
let glpi: Api;

beforeAll(async () => {
  identity = await startIdentity(stack);
  glpi = identity.api((await identity.login('glpi')).accessToken);
});

async function createEntity(name: string, parentId: string): Promise<string> {
  const created = await glpi.post('/api/entities', { name, parentId });
  expect(created.status).toBe(201);
  return created.body.entityId;
}

/** The user's stream as the store holds it, in order. */
async function storedCommitsOf(userId: string) {
  const client = await MongoClient.connect(stack.mongoUrl);
  try {
    const commits = client.db(stack.dbName).collection<{ events: Array<{ type: string }> }>('events');
    return await commits
      .find({ streamId: `user-${userId}` })
      .sort({ sequence: 1 })
      .toArray();
  } finally {
    await client.close();
  }
}

/**
 * Polls until the access token is refused: every guard re-reads its revocation list each second;
 * 5 s is the promise, a wait limit here. Returns the refusal.
 */
async function refusedWithin5s(accessToken: string): Promise<{ status: number; detail: string }> {
  let answer = await identity.api(accessToken).get('/api/me');
  await eventually(
    async () => (answer = await identity.api(accessToken).get('/api/me')).status !== 200,
    5_000,
    'the refusal of the access token',
  );
  return { status: answer.status, detail: answer.body.detail };
}

async function createUser(body: Record<string, unknown>): Promise<string> {
  const created = await glpi.post('/api/users', body);
  expect(created.status).toBe(201);
  return created.body.userId;
}

describe('first start and demo seed', () => {
  it('has the root entity and GLPI’s seven default profiles', async () => {
    const root = await glpi.get('/api/entities/root');
    expect(root.body).toMatchObject({
      entityId: 'root',
      name: 'Entité racine',
      parentId: null,
      completeName: 'Entité racine',
    });
    const profiles = await glpi.get('/api/profiles?limit=100');
    expect(profiles.body.items.map((profile: { name: string }) => profile.name).sort()).toEqual([
      'Admin',
      'Hotliner',
      'Observer',
      'Self-Service',
      'Super-Admin',
      'Supervisor',
      'Technician',
    ]);
  });

  it('lists the seed’s users like GLPI’s user list: filtered, sorted, paginated, with the total', async () => {
    const blier = await glpi.get('/api/users?lastName=bli');
    expect(blier.body.total).toBe(1);
    expect(blier.body.items[0]).toMatchObject({ login: 'S1', displayName: 'BLIER Bertrand', active: true });
    const page = await glpi.get('/api/users?sort=login&order=desc&limit=2&page=2');
    expect(page.body).toMatchObject({ total: 5, page: 2, limit: 2 });
    expect(page.body.items.map((user: { login: string }) => user.login)).toEqual(['post-only', 'normal']);
  });

  it('signs each demo user in with its own profile', async () => {
    for (const [login, profile] of [
      ['tech', 'Technician'],
      ['normal', 'Observer'],
      ['post-only', 'Self-Service'],
    ]) {
      const me = await identity.api((await identity.login(login)).accessToken).get('/api/me');
      expect(me.body.activeProfile.name).toBe(profile);
      expect(me.body.activeEntityId).toBe('root');
    }
  });
});

describe('entities', () => {
  it('builds a tree, renames, moves, refuses cycles and keeps settings', async () => {
    const direction = await createEntity('Direction', 'root');
    const site = await createEntity('Site de Lyon', direction);
    expect((await glpi.get(`/api/entities/${site}`)).body.completeName).toBe(
      'Entité racine > Direction > Site de Lyon',
    );

    const cycle = await glpi.post(`/api/entities/${direction}/move`, { parentId: site });
    expect(cycle.status).toBe(422);
    expect(cycle.body.detail).toMatch(/under itself or one of its sub-entities/);

    const moved = await glpi.post(`/api/entities/${site}/move`, { parentId: 'root' });
    expect(moved.body).toMatchObject({ parentId: 'root', completeName: 'Entité racine > Site de Lyon' });

    const changed = await glpi.patch(`/api/entities/${direction}`, {
      name: 'DSI',
      settings: { autoCloseMode: 'days', autoCloseDelayDays: 7, calendarId: 'horaires-bureau' },
    });
    expect(changed.body).toMatchObject({
      name: 'DSI',
      settings: { autoCloseMode: 'days', autoCloseDelayDays: 7, calendarId: 'horaires-bureau' },
    });
    const rootInherit = await glpi.patch('/api/entities/root', { settings: { autoCloseMode: 'inherit' } });
    expect(rootInherit.status).toBe(422);
  });
});

describe('users, authorizations and sign-in', () => {
  it('creates a user whose login is unique whatever the case, and lets it sign in where authorized', async () => {
    const branch = await createEntity('Filiale Nord', 'root');
    const child = await createEntity('Agence Lille', branch);
    const userId = await createUser({
      login: 'jdupont',
      firstName: 'Jeanne',
      lastName: 'DUPONT',
      emails: ['Jeanne.Dupont@example.org'],
      phone: '03 20 00 00 00',
      location: 'Lille',
      password: 'correct horse battery',
      defaultEntityId: branch,
    });
    expect((await glpi.post('/api/users', { login: 'JDUPONT', lastName: 'X' })).status).toBe(409);

    const noAuthorization = await identity
      .api()
      .post('/api/auth/login', { login: 'jdupont', password: 'correct horse battery' });
    expect(noAuthorization.status).toBe(403);

    const granted = await glpi.post(`/api/users/${userId}/authorizations`, {
      profileId: 'technician',
      entityId: branch,
      recursive: true,
    });
    expect(granted.status).toBe(201);
    const tokens = await identity.login('JDupont', 'correct horse battery');
    const me = (await identity.api(tokens.accessToken).get('/api/me')).body;
    expect(me.user).toMatchObject({ displayName: 'DUPONT Jeanne', email: 'jeanne.dupont@example.org' });
    expect(me.activeProfile.name).toBe('Technician');
    expect(me.entities.map((entity: { entityId: string }) => entity.entityId).sort()).toEqual([branch, child].sort());

    const switchRefused = await identity
      .api(tokens.accessToken)
      .post('/api/auth/switch', { profileId: 'observer', entityId: branch });
    expect(switchRefused.status).toBe(403);
    await glpi.post(`/api/users/${userId}/authorizations`, {
      profileId: 'observer',
      entityId: child,
      recursive: false,
    });
    const switched = await identity
      .api(tokens.accessToken)
      .post('/api/auth/switch', { profileId: 'observer', entityId: child });
    expect(switched.status).toBe(200);
    const asObserver = (await identity.api(switched.body.accessToken).get('/api/me')).body;
    expect(asObserver).toMatchObject({ activeEntityId: child, recursive: false, activeProfile: { name: 'Observer' } });

    // the session remembers the switch: a refresh keeps working as observer on the agency
    const refreshed = await identity.api().post('/api/auth/refresh', { refreshToken: tokens.refreshToken });
    expect((await identity.api(refreshed.body.accessToken).get('/api/me')).body.activeEntityId).toBe(child);
  });

  it('rotates refresh tokens, detects reuse and ends sessions at logout', async () => {
    const first = await identity.login('tech');
    const second = await identity.api().post('/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    const other = await identity.login('tech');
    const replay = await identity.api().post('/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(replay).toMatchObject({ status: 401, body: { detail: 'refresh token reused' } });
    // reuse revoked the whole session, the newer token included, and its access tokens
    expect((await identity.api().post('/api/auth/refresh', { refreshToken: second.body.refreshToken })).status).toBe(
      401,
    );
    const reused = {
      status: 401,
      detail: 'the session was revoked: one of its refresh tokens was used twice; sign in again',
    };
    expect(await refusedWithin5s(first.accessToken)).toEqual(reused);
    expect(await refusedWithin5s(second.body.accessToken)).toEqual(reused);
    // another session of the same user goes on
    expect((await identity.api(other.accessToken).get('/api/me')).status).toBe(200);

    expect((await identity.api(other.accessToken).post('/api/auth/logout')).status).toBe(204);
    expect((await identity.api().post('/api/auth/refresh', { refreshToken: other.refreshToken })).status).toBe(401);
    expect(await refusedWithin5s(other.accessToken)).toEqual({ status: 401, detail: 'the session was signed out' });
  });

  it('voids the tokens signed under a revoked authorization: 403 while others remain, then 401', async () => {
    const userId = await createUser({ login: 'lpetit', lastName: 'PETIT', password: 'deux profils' });
    await glpi.post(`/api/users/${userId}/authorizations`, {
      profileId: 'technician',
      entityId: 'root',
      recursive: true,
    });
    const held = await glpi.post(`/api/users/${userId}/authorizations`, { profileId: 'observer', entityId: 'root' });
    const idOf = (profileId: string) =>
      held.body.find((authorization: { profileId: string }) => authorization.profileId === profileId).authorizationId;
    const session = await identity.login('lpetit', 'deux profils');
    expect((await identity.api(session.accessToken).get('/api/me')).body.activeProfile.name).toBe('Technician');

    const revoke = (authorizationId: string) => glpi.delete(`/api/users/${userId}/authorizations/${authorizationId}`);
    expect((await revoke(idOf('technician'))).status).toBe(204);
    expect(await refusedWithin5s(session.accessToken)).toEqual({
      status: 403,
      detail: 'the authorization as technician on entity root was revoked: refresh the token to work under another one',
    });
    // the refresh moves the session to the authorization left
    const refreshed = await identity.api().post('/api/auth/refresh', { refreshToken: session.refreshToken });
    const asObserver = identity.api(refreshed.body.accessToken);
    expect((await asObserver.get('/api/me')).body.activeProfile.name).toBe('Observer');

    expect((await revoke(idOf('observer'))).status).toBe(204);
    expect(await refusedWithin5s(refreshed.body.accessToken)).toEqual({
      status: 401,
      detail: 'every authorization of the account was revoked',
    });
  });

  it('deactivates and reactivates a user; a deactivated user cannot sign in', async () => {
    const userId = await createUser({ login: 'mmartin', lastName: 'MARTIN', password: 'un mot de passe' });
    await glpi.post(`/api/users/${userId}/authorizations`, { profileId: 'hotliner', entityId: 'root' });
    const session = await identity.login('mmartin', 'un mot de passe');

    expect((await glpi.post(`/api/users/${userId}/deactivate`)).body.active).toBe(false);
    expect(await refusedWithin5s(session.accessToken)).toEqual({ status: 401, detail: 'the account was deactivated' });
    const refused = await identity.api().post('/api/auth/login', { login: 'mmartin', password: 'un mot de passe' });
    expect(refused).toMatchObject({ status: 401, body: { detail: 'wrong login or password' } });
    expect((await identity.api().post('/api/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
    expect((await glpi.get('/api/users?active=false')).body.items.map((u: { login: string }) => u.login)).toContain(
      'mmartin',
    );

    await glpi.post(`/api/users/${userId}/reactivate`);
    const again = await identity.login('mmartin', 'un mot de passe');
    expect((await identity.api(again.accessToken).get('/api/me')).status).toBe(200);
  });

  it("keeps the user's language: set by the user himself or an administrator, shown by /me", async () => {
    const userId = await createUser({ login: 'adurand', lastName: 'DURAND', password: 'un mot de passe' });
    await glpi.post(`/api/users/${userId}/authorizations`, { profileId: 'self-service', entityId: 'root' });
    const self = identity.api((await identity.login('adurand', 'un mot de passe')).accessToken);
    expect((await self.get('/api/me')).body.user.language).toBeNull();

    expect((await self.patch(`/api/users/${userId}`, { language: 'en' })).body.language).toBe('en');
    expect((await self.get('/api/me')).body.user.language).toBe('en');
    expect((await self.patch(`/api/users/${userId}`, { language: 'de' })).status).toBe(400);
    expect((await glpi.patch(`/api/users/${userId}`, { language: 'fr' })).body.language).toBe('fr');
    expect((await self.get('/api/me')).body.user.language).toBe('fr');
    expect((await self.patch(`/api/users/${userId}`, { language: null })).body.language).toBeNull();
    const someoneElse = (await glpi.get('/api/users?login=tech')).body.items[0].userId;
    expect((await self.patch(`/api/users/${someoneElse}`, { language: 'en' })).status).toBe(403);
  });

  it('changes passwords: users give their current one, administrators do not', async () => {
    const userId = await createUser({ login: 'pbernard', lastName: 'BERNARD', password: 'premier secret' });
    await glpi.post(`/api/users/${userId}/authorizations`, { profileId: 'self-service', entityId: 'root' });
    const self = identity.api((await identity.login('pbernard', 'premier secret')).accessToken);
    expect((await self.post(`/api/users/${userId}/password`, { password: 'second secret' })).status).toBe(422);
    expect(
      (await self.post(`/api/users/${userId}/password`, { password: 'second secret', currentPassword: 'faux' })).status,
    ).toBe(403);
    expect(
      (
        await self.post(`/api/users/${userId}/password`, {
          password: 'second secret',
          currentPassword: 'premier secret',
        })
      ).status,
    ).toBe(204);
    expect(
      (await identity.api().post('/api/auth/login', { login: 'pbernard', password: 'premier secret' })).status,
    ).toBe(401);

    expect((await glpi.post(`/api/users/${userId}/password`, { password: 'troisième secret' })).status).toBe(204);
    expect((await identity.login('pbernard', 'troisième secret')).accessToken).toBeTruthy();
  });
});

describe('groups and profiles', () => {
  it('keeps group membership and shows it on the user', async () => {
    const group = await glpi.post('/api/groups', { name: 'Support niveau 1', entityId: 'root', recursive: true });
    expect(group.status).toBe(201);
    const tech = (await glpi.get('/api/users?login=tech')).body.items[0];
    const added = await glpi.post(`/api/groups/${group.body.groupId}/members`, { userId: tech.userId });
    expect(added.body.members).toEqual([tech.userId]);
    expect((await glpi.get(`/api/users/${tech.userId}`)).body.groups).toEqual([
      { groupId: group.body.groupId, name: 'Support niveau 1' },
    ]);
    const child = await glpi.post('/api/groups', { name: 'Réseau', parentId: group.body.groupId });
    expect((await glpi.patch(`/api/groups/${group.body.groupId}`, { parentId: child.body.groupId })).status).toBe(422);
    expect((await glpi.delete(`/api/groups/${group.body.groupId}/members/${tech.userId}`)).status).toBe(204);
    expect((await glpi.get(`/api/groups/${group.body.groupId}`)).body.members).toEqual([]);
  });

  it('treats rights as data: an edited profile changes the next token of its holders', async () => {
    const created = await glpi.post('/api/profiles', {
      name: 'Inventaire',
      interface: 'central',
      rights: ['asset.read'],
    });
    expect(created.status).toBe(201);
    const userId = await createUser({ login: 'inventaire', lastName: 'INVENTAIRE', password: 'inventaire!' });
    await glpi.post(`/api/users/${userId}/authorizations`, { profileId: created.body.profileId, entityId: 'root' });
    const session = await identity.login('inventaire', 'inventaire!');
    expect((await identity.api(session.accessToken).get('/api/users')).status).toBe(403);

    await glpi.patch(`/api/profiles/${created.body.profileId}`, { rights: ['asset.read', 'user.read'] });
    const refreshed = await identity.api().post('/api/auth/refresh', { refreshToken: session.refreshToken });
    expect((await identity.api(refreshed.body.accessToken).get('/api/users')).status).toBe(200);
    expect((await glpi.patch('/api/profiles/super-admin', { rights: [] })).status).toBe(422);
  });
});

describe('a client retrying a creation (Idempotency-Key)', () => {
  const keyed = (key: string) => ({ 'idempotency-key': key });

  it('gets the first user again, never a second one, even when the first answer was lost', async () => {
    const body = { login: 'mretry', lastName: 'RETRY', password: 'retry retry retry' };
    const first = await glpi.post('/api/users', body, keyed('u-retry'));
    const again = await glpi.post('/api/users', body, keyed('u-retry'));
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    // as if the first attempt had been cut after its write: its recorded answer is gone
    const client = await MongoClient.connect(stack.mongoUrl);
    try {
      await client.db(identity.env.MONGO_DB).collection('idempotent_answers').deleteMany({});
    } finally {
      await client.close();
    }
    const lost = await glpi.post('/api/users', body, keyed('u-retry'));
    expect([lost.status, lost.body]).toEqual([201, first.body]);
    expect((await glpi.get('/api/users?login=mretry')).body.total).toBe(1);
    // the key with another request: 422, nothing written
    const other = await glpi.post('/api/users', { ...body, login: 'mretry2' }, keyed('u-retry'));
    expect([other.status, other.body.code]).toEqual([422, 'rule']);
    expect((await glpi.get('/api/users?login=mretry2')).body.total).toBe(0);
  });

  it('grants an authorization, creates a group and an entity once for concurrent retries', async () => {
    const userId = await createUser({ login: 'mconcurrent', lastName: 'CONCURRENT' });
    const grants = await Promise.all(
      [1, 2, 3].map(() =>
        glpi.post(`/api/users/${userId}/authorizations`, { profileId: 'observer', entityId: 'root' }, keyed('a-1')),
      ),
    );
    expect(grants.map((answer) => answer.status)).toEqual([201, 201, 201]);
    expect((await glpi.get(`/api/users/${userId}/authorizations`)).body).toHaveLength(1);
    const groups = await Promise.all(
      [1, 2, 3].map(() => glpi.post('/api/groups', { name: 'Groupe R9', entityId: 'root' }, keyed('g-1'))),
    );
    expect(new Set(groups.map((answer) => answer.body.groupId)).size).toBe(1);
    expect((await glpi.get('/api/groups?name=R9')).body.total).toBe(1);
    const entities = await Promise.all(
      [1, 2].map(() => glpi.post('/api/entities', { name: 'Entité R9', parentId: 'root' }, keyed('e-1'))),
    );
    expect(entities.map((answer) => answer.status)).toEqual([201, 201]);
    expect(entities[1].body).toEqual(entities[0].body);
  });
});

describe('events and GDPR erasure', () => {
  it('publishes identity events on Kafka without any secret, and erases personal data on request', async () => {
    const userId = await createUser({
      login: 'aeffacer',
      firstName: 'Alice',
      lastName: 'EFFACER',
      emails: ['alice.effacer@example.org'],
      phone: '06 12 34 56 78',
      password: 'ne pas publier',
    });
    const kafka = stackKafka(stack);
    const topic = topicFor('identity', stack.topicPrefix);
    const published = await readTopic(kafka, topic, (events) =>
      events.some((event) => event.streamId === `user-${userId}`),
    );
    const registered = published.find((event) => event.streamId === `user-${userId}`)!;
    expect(registered).toMatchObject({
      type: 'user.registered',
      schemaVersion: 1,
      sequence: 1,
      actor: { kind: 'user' },
    });
    expect(JSON.stringify(published)).not.toMatch(/argon2|ne pas publier/);

    const erased = await glpi.post(`/api/users/${userId}/erase`);
    expect(erased.body).toMatchObject({ erased: true, active: false, emails: [], phone: null, firstName: '' });
    expect(erased.body.login).toMatch(/^deleted-user-/);
    expect(
      (await identity.api().post('/api/auth/login', { login: 'aeffacer', password: 'ne pas publier' })).status,
    ).toBe(401);

    const stored = await storedCommitsOf(userId);
    expect(stored.flatMap((commit) => commit.events.map((event) => event.type))).toEqual([
      'user.registered',
      'user.erased',
    ]);
    expect(JSON.stringify(stored)).not.toMatch(/Alice|EFFACER|alice\.effacer|06 12 34|aeffacer/);
    // the login is free again, and a new account under it is someone else
    expect((await glpi.post('/api/users', { login: 'aeffacer', lastName: 'Autre' })).status).toBe(201);
  });

  it('runs an erasure cut off half-way again to its end', async () => {
    const userId = await createUser({
      login: 'bcoupe',
      firstName: 'Bruno',
      lastName: 'COUPE',
      emails: ['bruno.coupe@example.org'],
      password: 'mot de passe',
    });
    // what a run stopped after its first step leaves: `user.erased` recorded, the rest not done
    await identity.app
      .get(EventSourcedCommands)
      .execute(
        userDecider,
        userStreamId(userId),
        { type: 'erase-user', pseudonym: pseudonymOf(userId) },
        commandMetadata(systemCaller('identity.test'), 'root'),
      );

    const again = await glpi.post(`/api/users/${userId}/erase`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ erased: true, login: pseudonymOf(userId), emails: [] });
    expect((await identity.api().post('/api/auth/login', { login: 'bcoupe', password: 'mot de passe' })).status).toBe(
      401,
    );
    const stored = await storedCommitsOf(userId);
    expect(stored.flatMap((commit) => commit.events.map((event) => event.type))).toEqual([
      'user.registered',
      'user.erased',
    ]);
    expect(JSON.stringify(stored)).not.toMatch(/Bruno|COUPE|bruno\.coupe|bcoupe/);
    // and once more, a whole run on an erased user: nothing new, no error
    expect((await glpi.post(`/api/users/${userId}/erase`)).status).toBe(200);
  });

  it('serves its OpenAPI document', async () => {
    const document = await identity.api().get('/api/docs-json');
    expect(document.status).toBe(200);
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/me',
        '/api/users',
        '/api/users/{id}/authorizations',
        '/api/groups',
        '/api/profiles',
        '/api/entities',
      ]),
    );
  });
});

describe('errors', () => {
  it('answers failures as problem+json, and its OpenAPI document lists them on every route', async () => {
    const refused = await fetch(`${identity.url}/api/users`, { headers: { authorization: 'Bearer nonsense' } });
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await refused.json()).toMatchObject({
      status: 401,
      code: 'unauthenticated',
      type: 'urn:itsm:problem:unauthenticated',
    });

    const document = (await (await fetch(`${identity.url}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>>;
    };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ route: `${method} ${path}`, operation })),
    );
    expect(operations.length).toBeGreaterThan(20);
    const undocumented = operations
      .filter(({ operation }) => !['400', '404', '500'].every((status) => operation.responses[status]?.content))
      .map(({ route }) => route);
    expect(undocumented).toEqual([]);
  });
});
