import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { jsonApi } from '@itsm/runtime';
import { eventually, useIsolatedStack } from '@itsm/testing';
import { MongoClient } from 'mongodb';
import { startService, type ServiceProcess } from './service-process';

// A worker killed mid-run (SIGKILL: no shutdown hook runs) and its run resumed by another replica
// from its last checkpoint: every computer of the file exists once in assets, and the report has
// every line once. Small batches and a short lock, so that the kill falls between checkpoints and
// the second replica takes the run over within seconds.
const stack = useIsolatedStack();
const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '../..');
const ROWS = 1000;
const WORKER_ENV = {
  IMPORT_BATCH_LINES: '50',
  IMPORT_LINES_IN_FLIGHT: '100',
  IMPORT_WORKER_LOCK_MS: '3000',
  IMPORT_STALLED_CHECK_MS: '1000',
};
let identity: ServiceProcess;
let assets: ServiceProcess;
let token: string;
let entityId: string;

const computersFile = () =>
  [
    'Nom;Numero de serie;Numero d inventaire',
    ...Array.from({ length: ROWS }, (_, i) => `PC-RES-${String(i).padStart(5, '0')};SN-${i};INV-${i}`),
  ].join('\r\n');

const signIn = async (login: string) =>
  (await jsonApi(identity.url).post('/api/auth/login', { login, password: login })).body.accessToken as string;

beforeAll(async () => {
  identity = await startService(stack, 'identity');
  await run(process.execPath, [path.join(repoRoot, 'apps/identity/dist/seed.js')], {
    env: { ...process.env, ...stack.envFor('identity') },
  });
  assets = await startService(stack, 'assets'); // applies the run's commands
  entityId = (
    await jsonApi(identity.url, await signIn('glpi')).post('/api/entities', {
      name: 'Agence de Brest',
      parentId: 'root',
    })
  ).body.entityId;
  token = await signIn('glpi');
}, 180_000);

it('resumes a run whose worker was killed from its checkpoint: no computer twice, none missing', async () => {
  const first = await startService(stack, 'imports', WORKER_ENV);
  const mongo = await MongoClient.connect(stack.mongoUrl);
  stack.onTeardown(() => mongo.close());
  await eventually(
    async () =>
      (await mongo
        .db(stack.envFor('imports').MONGO_DB)
        .collection('directory_entities')
        .countDocuments({ entityId })) === 1,
    60_000,
    'the importer knows the entity',
  );
  const model = await jsonApi(first.url, token).post('/api/import-models', {
    name: 'Ordinateurs',
    targetType: 'computers',
    mapping: [
      { column: 'Nom', field: 'name', linkField: true },
      { column: 'Numero de serie', field: 'serial' },
      { column: 'Numero d inventaire', field: 'inventoryNumber' },
    ],
  });
  expect(model.status).toBe(201);
  const form = new FormData();
  form.append('modelId', model.body.modelId);
  form.append('entityId', entityId);
  form.append('file', new Blob([computersFile()]), 'parc.csv');
  const started = await fetch(`${first.url}/api/import-runs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  expect(started.status).toBe(202);
  const { runId } = (await started.json()) as { runId: string };
  const runOf = async (url: string) => (await jsonApi(url, token).get(`/api/import-runs/${runId}`)).body;

  await eventually(async () => (await runOf(first.url)).checkpoint > 1, 60_000, 'a first batch sent');
  await first.kill();

  const second = await startService(stack, 'imports', WORKER_ENV);
  const atKill = (await runOf(second.url)).checkpoint as number;
  expect(atKill).toBeLessThan(ROWS + 1); // killed between checkpoints: the second worker sends the rest
  let ended: Record<string, unknown> = {};
  await eventually(
    async () => {
      ended = await runOf(second.url);
      return ['finished', 'failed', 'cancelled'].includes(ended.status as string);
    },
    240_000,
    'the run resumed and ended',
  ).catch((error: Error) => {
    throw new Error(`${error.message}: ${JSON.stringify(ended)}`);
  });
  expect(ended).toMatchObject({ status: 'finished', checkpoint: ROWS + 1, counts: { succeeded: ROWS, failed: 0 } });
  const report = (await jsonApi(second.url, token).get(`/api/import-runs/${runId}/lines?limit=1`)).body;
  expect(report.total).toBe(ROWS);

  // what assets stored (its read model, written with each command), not its list: the list's
  // in-memory index may lag behind on a loaded machine, and this test is about the importer
  const stored = mongo.db(stack.envFor('assets').MONGO_DB).collection<{ nameKey: string }>('assets');
  let names: string[] = [];
  await eventually(
    async () =>
      (names = (await stored.find({ entityId }, { projection: { nameKey: 1 } }).toArray()).map((doc) => doc.nameKey))
        .length >= ROWS,
    60_000,
    'every computer stored',
  ).catch(() => undefined);
  expect(names).toHaveLength(ROWS);
  expect(new Set(names).size).toBe(ROWS);
  // and its list (an in-memory index fed by Kafka) counts them all, a moment later at most
  let listed = 0;
  await eventually(
    async () =>
      (listed = (await jsonApi(assets.url, token).get(`/api/computers?entityId=${entityId}&limit=1`)).body.total) ===
      ROWS,
    60_000,
    'every computer listed',
  ).catch(() => undefined);
  expect(listed).toBe(ROWS);
}, 420_000);
