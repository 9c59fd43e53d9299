// `npm run bench -- assets`: the assets service, part by part (BENCH_ASSETS_PARTS=list,… runs
// some; default all). Each part is a module of bench/assets/: `prepare(db)` writes its read
// models before the service starts (each replica loads its in-memory indexes at start), `run`
// measures the started service once its indexes are ready. Then the service stops (a clean stop
// writes its indexes' snapshot) and starts again: `restart` is how long it takes to be ready then.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MongoClient } from 'mongodb';
import { benchServiceEnv, rsaKeys, stopService } from './bench-service.mjs';
import { publishIdentity, superAdminToken } from './tickets-identity.mjs';
import { round, sleep } from './stats.mjs';
import { inventoryPart } from './assets/inventory.part.mjs';
import { listPart } from './assets/list.part.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const PORT = Number(process.env.BENCH_ASSETS_PORT ?? 3904);

/** name -> { prepare?: async (db) => facts, run: async ({ url, token, db, prepared }) => result } */
const PARTS = { list: listPart, inventory: { run: inventoryPart } };

export default async function assetsBench(env) {
  const wanted = (process.env.BENCH_ASSETS_PARTS ?? Object.keys(PARTS).join(',')).split(',');
  const run = Date.now();
  const keys = rsaKeys();
  const mongo = await MongoClient.connect(env.MONGO_URL);
  // BENCH_ASSETS_COMPARE_MAIN=<another build's apps/assets/dist/main.js>: that build runs beside
  // this one (its own database and topics), and the inventory part takes turns on the two, phase
  // by phase: a before/after in the same run on a shared machine
  const compareMain = process.env.BENCH_ASSETS_COMPARE_MAIN;
  const services = [];
  try {
    const service = await startService({ env, keys, mongo, run, port: PORT, wanted });
    services.push(service);
    const compared = compareMain
      ? await startService({ env, keys, mongo, run: run + 1, port: PORT + 1, main: compareMain, wanted: [] })
      : undefined;
    if (compared) services.push(compared);
    const results = { indexes: service.indexes };
    for (const name of wanted) {
      results[name] = await PARTS[name].run({ ...service, compared, prepared: service.prepared[name] });
    }
    // BENCH_ASSETS_RESTART=0 spares it: a clean stop, then a start from the snapshot it left
    if (process.env.BENCH_ASSETS_RESTART !== '0') results.restart = await service.restart();
    return {
      note: 'the machine is shared with other work: compare each figure with its same-run baseline',
      ...results,
    };
  } finally {
    for (const service of services) await service.stop();
    await mongo.close();
  }
}

/** One assets service on a fresh database, its parts' read models prepared, started and ready. */
async function startService({
  env,
  keys,
  mongo,
  run,
  port,
  wanted,
  main = path.join(here, '../apps/assets/dist/main.js'),
}) {
  const serviceEnv = benchServiceEnv(env, {
    name: 'assets',
    run,
    port,
    publicKey: keys.publicKey,
    // one address posts every agent's inventory: only the kit's (raised) limits count
    extra: { ASSETS_INVENTORY_PER_ADDRESS: '0' },
  });
  const db = mongo.db(serviceEnv.MONGO_DB);
  const prepared = {};
  for (const name of wanted) prepared[name] = await PARTS[name].prepare?.(db);
  // BENCH_ASSETS_CPU_PROF=<dir>: the service writes a V8 CPU profile there when it stops
  const profile = process.env.BENCH_ASSETS_CPU_PROF
    ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_ASSETS_CPU_PROF]
    : [];
  // BENCH_ASSETS_COUNT_WRITES=<dir>: the service counts what it sends to the database (driver's
  // command monitoring, bench/assets/count-writes.mjs) into <dir>/writes-<port>.json
  const counted = countedWrites(serviceEnv, port);
  const start = () =>
    spawn(process.execPath, [...profile, ...counted.args, main], { env: serviceEnv, stdio: serviceOutput(port) });
  let child = start();
  const url = `http://127.0.0.1:${port}`;
  const restart = async () => {
    await stopService(child, 120_000);
    const snapshot = await snapshotSize(db);
    child = start();
    return { ...(await untilIndexesReady(url, performance.now())), snapshot };
  };
  const stop = async () => {
    await stopService(child, 30_000); // a profile is written as the process exits
    await db.dropDatabase().catch(() => undefined);
  };
  try {
    const started = performance.now();
    const userId = await publishIdentity(env, serviceEnv.KAFKA_TOPIC_PREFIX);
    const token = superAdminToken(keys, userId);
    await untilReady(url, token);
    const indexes = await untilIndexesReady(url, started);
    return { url, token, db, serviceEnv, prepared, indexes, stop, restart, writes: counted.read };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** BENCH_ASSETS_LOG_DIR=<dir>: the service's output goes to <dir>/assets-<port>.log (else nowhere). */
function serviceOutput(port) {
  const dir = process.env.BENCH_ASSETS_LOG_DIR;
  if (!dir) return 'ignore';
  const log = fs.openSync(path.join(dir, `assets-${port}.log`), 'a');
  return ['ignore', log, log];
}

/** The preload counting the service's writes, and the reader of its running totals (null: not counted). */
function countedWrites(serviceEnv, port) {
  const dir = process.env.BENCH_ASSETS_COUNT_WRITES;
  if (!dir) return { args: [], read: () => null };
  const file = path.join(dir, `writes-${port}.json`);
  const url = new URL(serviceEnv.MONGO_URL);
  url.searchParams.set('monitorCommands', 'true');
  Object.assign(serviceEnv, { MONGO_URL: url.toString(), BENCH_ASSETS_COUNT_WRITES: file });
  const read = () => JSON.parse(fs.readFileSync(file, 'utf8'));
  return { args: ['--import', pathToFileURL(path.join(here, 'assets/count-writes.mjs')).href], read };
}

/** The indexes' snapshot the service left: its items and compressed size. */
async function snapshotSize(db) {
  const snapshots = db.collection('read_index_snapshots');
  const header = await snapshots.findOne({ _id: 'asset-indexes' });
  if (!header) return null;
  const chunks = await snapshots.find({ feed: 'asset-indexes', generation: header.generation }).toArray();
  const bytes = chunks.reduce((sum, chunk) => sum + chunk.data.length(), 0);
  return {
    items: header.indexes.map(({ readModel, items }) => ({ readModel, items })),
    chunks: chunks.length,
    kb: round(bytes / 1024, 0),
  };
}

/** Until the service's in-memory indexes answer (its metric says so); how long the load and catch-up took. */
async function untilIndexesReady(url, started) {
  for (;;) {
    const metrics = await fetch(`${url}/metrics`)
      .then((answer) => answer.text())
      .catch(() => '');
    if (/itsm_read_index_ready\{feed="asset-indexes"[^}]*\} 1/.test(metrics)) {
      const fromSnapshot = /itsm_read_index_from_snapshot\{feed="asset-indexes"[^}]*\} 1/.test(metrics);
      return { secondsToReady: round((performance.now() - started) / 1000, 1), fromSnapshot };
    }
    await sleep(500);
  }
}

/** The service answers and has heard of the root entity: a first computer is created (indexes made). */
async function untilReady(url, token) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const answer = await fetch(`${url}/api/computers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'warm-up', entityId: 'root' }),
    }).catch(() => null);
    if (answer?.status === 201) return;
    if (Date.now() > deadline) throw new Error(`the assets service is not ready: ${answer?.status}`);
    await sleep(500);
  }
}
