import { randomUUID } from 'node:crypto';
import { IdentityFixture } from '@itsm/fixtures';
import { jsonApi, type ApiAnswer } from '@itsm/runtime';
import { eventually, useIsolatedStack } from '@itsm/testing';
import { startService, type ServiceProcess } from './service-process';

// Revocation within seconds, with the three services as built, each its own process: users sign
// in on identity and work on tickets and sla; then an administrator deactivates one, revokes
// another's authorization, a third signs out, a fourth's refresh token is used twice. Each time
// the access tokens already handed out are refused on tickets and sla within 5 s (a wait limit
// of the polls below, not a measure), though they have minutes left. A tickets process started
// after the revocations refuses them from its first request; a new sla replica on an empty
// database refuses them once its feed has read identity's topic.
const stack = useIsolatedStack();
const REVOCATION_BOUND_MS = 5_000;
const PASSWORD = 'revocation-e2e-secret';
let identity: ServiceProcess;
let tickets: ServiceProcess;
let sla: ServiceProcess;

// the platform's administrator as identity would sign it: it registers the users of the story
const administrator = new IdentityFixture(stack).token(randomUUID(), 'admin', 'super-admin');
const admin = () => jsonApi(identity.url, administrator);

interface SignedIn {
  userId: string;
  accessToken: string;
  refreshToken: string;
}

async function ok(answer: Promise<ApiAnswer>, expected = [200, 201, 204]) {
  const { status, body } = await answer;
  if (!expected.includes(status)) throw new Error(`${status} ${JSON.stringify(body)}`);
  return body;
}

/** A user holding the profiles on the root entity (the first one granted is used at sign-in), signed in. */
async function signedIn(login: string, profiles: string[]): Promise<SignedIn> {
  const { userId } = await ok(admin().post('/api/users', { login, lastName: login.toUpperCase(), password: PASSWORD }));
  for (const profileId of profiles) {
    await ok(admin().post(`/api/users/${userId}/authorizations`, { profileId, entityId: 'root', recursive: true }));
  }
  return { userId, ...(await ok(jsonApi(identity.url).post('/api/auth/login', { login, password: PASSWORD }))) };
}

/** What each service answers the token on a read it allows. */
const reads = (token: string) =>
  Promise.all([jsonApi(tickets.url, token).get('/api/tickets'), jsonApi(sla.url, token).get('/api/calendars')]);

async function expectWorking(token: string): Promise<void> {
  expect((await reads(token)).map((answer) => answer.status)).toEqual([200, 200]);
}

/** Polls both services until each refuses the token, within the bound; returns their refusals. */
async function refusedEverywhere(token: string, bound = REVOCATION_BOUND_MS) {
  let answers: ApiAnswer[] = [];
  await eventually(
    async () => (answers = await reads(token)).every((answer) => answer.status !== 200),
    bound,
    'the refusal on tickets and sla',
  );
  return answers.map(problemOf);
}

/** The answer as a problem document tells it. */
const problemOf = ({ status, body }: ApiAnswer) => ({ status, problem: { status: body.status, detail: body.detail } });

const everywhere = (status: number, detail: string) =>
  Array.from({ length: 2 }, () => ({ status, problem: { status, detail } }));

const calendar = (name: string) => ({
  name,
  timeZone: 'Europe/Paris',
  openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:00' })),
  holidays: [],
});

/** Tickets learns users from identity's events: a 422 until it has heard of the caller. */
async function untilKnown(call: () => Promise<ApiAnswer>): Promise<ApiAnswer> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answer = await call();
    if (answer.status !== 422 || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  identity = await startService(stack, 'identity');
  [tickets, sla] = await Promise.all([startService(stack, 'tickets'), startService(stack, 'sla')]);
  // the services' feeds join their consumer groups once: wait for it, so the cases below wait on
  // the revocation flow alone
  const warmUp = await signedIn('warm-up', ['technician']);
  await ok(admin().post(`/api/users/${warmUp.userId}/deactivate`));
  await refusedEverywhere(warmUp.accessToken, 90_000);
}, 180_000);

let deactivated: SignedIn;

it('a deactivated user is refused on tickets and sla within seconds, reads and writes alike', async () => {
  deactivated = await signedIn('depart', ['admin']);
  const onTickets = jsonApi(tickets.url, deactivated.accessToken);
  const onSla = jsonApi(sla.url, deactivated.accessToken);
  const opened = await untilKnown(() => onTickets.post('/api/tickets', { title: 'Écran noir', description: '' }));
  expect(opened.status).toBe(201);
  expect((await onSla.post('/api/calendars', calendar('Heures de bureau'))).status).toBe(201);
  await expectWorking(deactivated.accessToken);

  await ok(admin().post(`/api/users/${deactivated.userId}/deactivate`));
  expect(await refusedEverywhere(deactivated.accessToken)).toEqual(everywhere(401, 'the account was deactivated'));
  const writes = await Promise.all([
    onTickets.post('/api/tickets', { title: 'Après le départ', description: '' }),
    onSla.post('/api/calendars', calendar('Après le départ')),
  ]);
  expect(writes.map((answer) => answer.status)).toEqual([401, 401]);
});

it('a revoked authorization: 403 on both services while another remains, 401 once none does', async () => {
  const user = await signedIn('deux-profils', ['technician', 'observer']);
  await expectWorking(user.accessToken);
  const held: Array<{ authorizationId: string; profileId: string }> = await ok(
    admin().get(`/api/users/${user.userId}/authorizations`),
  );
  const idOf = (profileId: string) =>
    held.find((authorization) => authorization.profileId === profileId)!.authorizationId;

  await ok(admin().delete(`/api/users/${user.userId}/authorizations/${idOf('technician')}`));
  expect(await refusedEverywhere(user.accessToken)).toEqual(
    everywhere(
      403,
      'the authorization as technician on entity root was revoked: refresh the token to work under another one',
    ),
  );
  // the refresh moves the session to the authorization left (observers read tickets, not sla)
  const refreshed = await ok(jsonApi(identity.url).post('/api/auth/refresh', { refreshToken: user.refreshToken }));
  const asObserver = jsonApi(tickets.url, refreshed.accessToken);
  expect((await asObserver.get('/api/tickets')).status).toBe(200);

  await ok(admin().delete(`/api/users/${user.userId}/authorizations/${idOf('observer')}`));
  let last = await asObserver.get('/api/tickets');
  await eventually(
    async () => (last = await asObserver.get('/api/tickets')).status !== 200,
    REVOCATION_BOUND_MS,
    'the refusal of the last authorization on tickets',
  );
  expect(problemOf(last)).toEqual(everywhere(401, 'every authorization of the account was revoked')[0]);
});

it('a signed-out session is refused on both services, another session of the user goes on', async () => {
  const user = await signedIn('sortant', ['technician']);
  const otherDevice = await ok(jsonApi(identity.url).post('/api/auth/login', { login: 'sortant', password: PASSWORD }));
  await expectWorking(user.accessToken);

  expect((await jsonApi(identity.url, user.accessToken).post('/api/auth/logout')).status).toBe(204);
  expect(await refusedEverywhere(user.accessToken)).toEqual(everywhere(401, 'the session was signed out'));
  await expectWorking(otherDevice.accessToken);
});

it('a refresh token used twice revokes its session: every access token of it is refused on both services', async () => {
  const user = await signedIn('vole', ['technician']);
  const rotated = await ok(jsonApi(identity.url).post('/api/auth/refresh', { refreshToken: user.refreshToken }));
  await expectWorking(user.accessToken);
  await expectWorking(rotated.accessToken);

  const replay = await jsonApi(identity.url).post('/api/auth/refresh', { refreshToken: user.refreshToken });
  expect(replay.status).toBe(401);
  const reused = everywhere(401, 'the session was revoked: one of its refresh tokens was used twice; sign in again');
  expect(await refusedEverywhere(user.accessToken)).toEqual(reused);
  expect(await refusedEverywhere(rotated.accessToken)).toEqual(reused);
});

it('a tickets process started after the revocations refuses them from its first request', async () => {
  await tickets.stop();
  tickets = await startService(stack, 'tickets');
  const first = await jsonApi(tickets.url, deactivated.accessToken).get('/api/tickets');
  expect({ status: first.status, detail: first.body.detail }).toEqual({
    status: 401,
    detail: 'the account was deactivated',
  });
});

it('an sla replica on an empty database rebuilds the revocations from identity topic', async () => {
  const fresh = await startService(stack, 'sla', {
    MONGO_DB: `${stack.dbName}_sla_fresh`,
    SERVICE_NAME: `sla-fresh-${stack.dbName}`,
  });
  const onFresh = jsonApi(fresh.url, deactivated.accessToken);
  // its feed starts at the topic's beginning: a wait limit for a whole replay, not for a revocation
  await eventually(async () => (await onFresh.get('/api/calendars')).status === 401, 60_000, 'the replay');
  expect((await onFresh.get('/api/calendars')).body.detail).toBe('the account was deactivated');
});
