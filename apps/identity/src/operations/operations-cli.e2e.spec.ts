import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { jsonApi, startServiceUnderTest } from '@itsm/runtime';
import { ensureTopics } from '@itsm/messaging';
import { stackKafka, useIsolatedStack } from '@itsm/testing';
import { MongoClient } from 'mongodb';
import { IDENTITY_SERVICE } from '../identity.app';
import { IdentityModule } from '../identity.module';

// The built CLI (`npm test` builds first), as an operator runs it, on an empty database of the
// file's slice: the first administrator, then the lag of a known state.
const stack = useIsolatedStack();
const CLI = join(__dirname, '../../dist/cli.js');
const PASSWORD = 'first-admin-passphrase';
const SERVICE_NAME = `identity-${stack.dbName}`;
const env: Record<string, string> = { ...stack.envFor('identity'), SERVICE_NAME };

function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...process.env, ...env, ITSM_ADMIN_PASSWORD: PASSWORD } },
      (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }),
    );
  });
}

it('creates the first Super-Admin on an empty database, once, and it signs in', async () => {
  const created = await cli('create-admin', '--login', 'admin');
  expect(created.err).toBe('');
  expect(created.out).toMatch(/^Super-Admin admin created \(user [0-9a-f-]{36}\) on the root entity/);
  expect(created.code).toBe(0);

  const again = await cli('create-admin', '--login', 'admin2');
  expect(again.code).toBe(1);
  expect(again.err).toContain('a Super-Admin exists already (admin); --force adds another');

  const identity = await startServiceUnderTest(
    stack,
    IDENTITY_SERVICE,
    (serviceEnv) => IdentityModule.register(serviceEnv),
    env,
  );
  const login = await jsonApi(identity.url).post('/api/auth/login', { login: 'admin', password: PASSWORD });
  expect(login.status).toBe(200);
  const { accessToken } = login.body as { accessToken: string };
  // an operator's route: Super-Admin's platform.operate right, on the root entity
  expect((await identity.api(accessToken).get('/api/dead-letters')).status).toBe(200);
  await identity.close();
});

it('shows the relay’s backlog and a group’s lag per partition', async () => {
  const mongo = await MongoClient.connect(stack.mongoUrl);
  const pending = await mongo.db(env.MONGO_DB).collection('events').countDocuments({ streamId: '~outbox' });
  await mongo.close();
  // a group of the service's, 5 messages on its topic, 3 of them committed
  const kafka = stackKafka(stack);
  const topic = `${stack.topicPrefix}lag-probe`;
  const group = `${stack.topicPrefix}${SERVICE_NAME}.lag-probe`;
  await ensureTopics(kafka, [topic], { partitions: 1 });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: [1, 2, 3, 4, 5].map((n) => ({ value: String(n) })) });
  await producer.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '3' }] });
  await admin.disconnect();

  const lag = await cli('lag');
  expect(lag.code).toBe(0);
  expect(lag.out).toContain(`consumer ${group} ${topic}[0]: at 3 of 5, lag 2`);
  expect(lag.out).toMatch(new RegExp(`^relay: ${pending} commits not yet published`));
});
