// `npm run bench -- assets`: the assets service, part by part (BENCH_ASSETS_PARTS=list,… runs
// some; default all). Each part is a module of bench/assets/ given the started service; a part
// added later (the inventory's) joins PARTS below.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { benchServiceEnv, rsaKeys } from './bench-service.mjs';
import { publishIdentity, superAdminToken } from './tickets-identity.mjs';
import { sleep } from './stats.mjs';
import { listPart } from './assets/list.part.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const PORT = Number(process.env.BENCH_ASSETS_PORT ?? 3904);

/** name -> async ({ url, token, db }) => result */
const PARTS = { list: listPart };

export default async function assetsBench(env) {
  const wanted = (process.env.BENCH_ASSETS_PARTS ?? Object.keys(PARTS).join(',')).split(',');
  const run = Date.now();
  const keys = rsaKeys();
  const serviceEnv = benchServiceEnv(env, { name: 'assets', run, port: PORT, publicKey: keys.publicKey });
  const mongo = await MongoClient.connect(env.MONGO_URL);
  const service = spawn(process.execPath, [path.join(here, '../apps/assets/dist/main.js')], {
    env: serviceEnv,
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${PORT}`;
  try {
    const userId = await publishIdentity(env, serviceEnv.KAFKA_TOPIC_PREFIX);
    const token = superAdminToken(keys, userId);
    await untilReady(url, token);
    const context = { url, token, db: mongo.db(serviceEnv.MONGO_DB), serviceEnv };
    const results = {};
    for (const name of wanted) results[name] = await PARTS[name](context);
    return {
      note: 'the machine is shared with other work: compare each figure with its same-run baseline',
      ...results,
    };
  } finally {
    service.kill('SIGTERM');
    await sleep(500);
    await mongo
      .db(serviceEnv.MONGO_DB)
      .dropDatabase()
      .catch(() => undefined);
    await mongo.close();
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
