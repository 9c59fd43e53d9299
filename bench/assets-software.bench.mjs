// "Which computers have X (version Y)" at 1,000,000 installations (issue 14, item 3): the assets
// service's GET /api/software/:id/installations, p50/p99, next to the bare driver reading the read
// model as the service does while its indexes load (each entity's computers' documents, their
// installations unpacked) in the same run. The installations are written straight into the read
// models before the service starts (computer_software in the feed's document shape, and the
// computers in `assets`; a million installations through inventories over HTTP
// would take hours): 10,000 computers over ten entities, 100 software each; 20 common titles on
// every computer, a long tail of 2,000 others. The service loads them into memory at start
// (`loadSeconds`: until its indexes answer) and answers from there.
// bench/assets.bench.mjs runs it as its software section; `npm run bench -- assets-software` alone.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { benchServiceEnv, rsaKeys, stopService } from './bench-service.mjs';
import { publishIdentity, superAdminToken } from './tickets-identity.mjs';
import { percentile, round, sleep } from './stats.mjs';
import { filledIndexes, timedInMemory } from './assets/installations-in-memory.mjs';

const built = createRequire(import.meta.url);
const { INSTALLATION_INDEXES } = built('../apps/assets/dist/installation/read-models/software-installations.feed.js');
const { computerSoftwareDocOf, installationsOf } = built(
  '../apps/assets/dist/installation/read-models/computer-software-doc.js',
);

const here = path.dirname(fileURLToPath(import.meta.url));
const PORT = Number(process.env.BENCH_ASSETS_SOFTWARE_PORT ?? 3904);
const COMPUTERS = Number(process.env.BENCH_COMPUTERS ?? 10_000);
const PER_COMPUTER = Number(process.env.BENCH_SOFTWARE_PER_COMPUTER ?? 100);
const COMMON = 20;
const LONG_TAIL = 2_000;
const VERSIONS = 3;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);
/** the read model's way reads every computer's installations: a few samples of it */
const RAW_SAMPLES = Number(process.env.BENCH_RAW_SAMPLES ?? 3);
/** the in-process measurement's computers: 10,000 x 100 software = 1,000,000 installations */
const MEMORY_COMPUTERS = Number(process.env.BENCH_MEMORY_COMPUTERS ?? 10_000);
const ENTITIES = ['root', ...Array.from({ length: 10 }, (_, i) => `entity-${i}`)];

const softwareId = (n) => `sw-${n}`;
const versionId = (n, v) => `sw-${n}-v${v}`;

export default async function assetsSoftwareBench(env) {
  const inMemory = await inMemoryAtScale();
  return { inMemory, overHttp: await overHttp(env) };
}

/** The service's in-memory answer at a million installations, in this process (no HTTP, no FerretDB). */
async function inMemoryAtScale() {
  const started = performance.now();
  const { page, installations, heapMb } = filledIndexes({
    computers: MEMORY_COMPUTERS,
    perComputer: PER_COMPUTER,
    entities: ENTITIES,
    softwareOf,
    versionOf: (c) => c % VERSIONS,
  });
  const fillSeconds = round((performance.now() - started) / 1000, 1);
  const asked = { entities: ENTITIES, direction: 1, skip: 0, limit: 50 };
  const samples = SAMPLES * 2;
  return {
    installations,
    computers: MEMORY_COMPUTERS,
    fillSeconds,
    heapMb,
    common: await timedInMemory(page, { ...asked, softwareId: softwareId(0) }, samples),
    commonVersion: await timedInMemory(
      page,
      { ...asked, softwareId: softwareId(0), versionId: versionId(0, 1) },
      samples,
    ),
    rare: await timedInMemory(page, { ...asked, softwareId: softwareId(COMMON + 7) }, samples),
  };
}

async function overHttp(env) {
  const run = Date.now();
  const keys = rsaKeys();
  const serviceEnv = benchServiceEnv(env, { name: 'assets-software', run, port: PORT, publicKey: keys.publicKey });
  const mongo = await MongoClient.connect(env.MONGO_URL);
  const db = mongo.db(serviceEnv.MONGO_DB);
  const fillSeconds = await fill(db);
  const service = spawn(process.execPath, [path.join(here, '../apps/assets/dist/main.js')], {
    env: serviceEnv,
    stdio: 'ignore',
  });
  const started = performance.now();
  const url = `http://127.0.0.1:${PORT}`;
  try {
    const userId = await publishIdentity(env, serviceEnv.KAFKA_TOPIC_PREFIX);
    // access tokens live 15 minutes: loading a million installations may take longer
    await untilServing(url, () => superAdminToken(keys, userId));
    await untilIndexesReady(url);
    const loadSeconds = round((performance.now() - started) / 1000, 1);
    const token = superAdminToken(keys, userId);
    const installations = db.collection('computer_software');
    return {
      installations: (await installations.find({}, { projection: { count: 1 } }).toArray()).reduce(
        (sum, doc) => sum + doc.count,
        0,
      ),
      computers: COMPUTERS,
      fillSeconds,
      loadSeconds,
      serviceRssMb: rssMb(service.pid),
      scope: `${ENTITIES.length} entities (root and ten below): each entity's computers' documents read whole (one equality each), their installations looked inside`,
      common: await compare(url, token, installations, { softwareId: softwareId(0) }, softwareId(0)),
      commonVersion: await compare(
        url,
        token,
        installations,
        { versionId: versionId(0, 1) },
        softwareId(0),
        versionId(0, 1),
      ),
      rare: await compare(url, token, installations, { softwareId: softwareId(COMMON + 7) }, softwareId(COMMON + 7)),
    };
  } finally {
    await stopService(service, 30_000);
    await db.dropDatabase().catch(() => undefined);
    await mongo.close();
  }
}

/** The service answers once it knows the caller's entities (identity's events, through Kafka). */
async function untilServing(url, tokenNow) {
  for (let attempt = 0; attempt < 2400; attempt++) {
    const token = tokenNow();
    const answer = await fetch(`${url}/api/software`, { headers: { authorization: `Bearer ${token}` } }).catch(
      () => null,
    );
    if (answer?.ok && (await answer.json()).total >= 0) {
      // the scope is the whole tree: wait until all eleven entities are known
      const tree = await fetch(`${url}/api/software?limit=1`, { headers: { authorization: `Bearer ${token}` } });
      if (tree.ok) return;
    }
    await sleep(500);
  }
  throw new Error('the assets service did not answer in time');
}

/** Until the service's in-memory indexes answer (its metric says so). */
async function untilIndexesReady(url) {
  for (;;) {
    const metrics = await fetch(`${url}/metrics`)
      .then((answer) => answer.text())
      .catch(() => '');
    if (/itsm_read_index_ready\{feed="asset-indexes"[^}]*\} 1/.test(metrics)) return;
    await sleep(500);
  }
}

/** The process's resident memory, in MB (Linux). */
function rssMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024, 0);
}

/** Software `n` of computer `c`'s `k`-th installation: the common ones first, then the long tail. */
const softwareOf = (c, k) => (k < COMMON ? k : COMMON + ((c * 7919 + k * 104_729) % LONG_TAIL));

/** Computer `c` as the `assets` projection writes it (the fields the lists and installations read). */
function computerDoc(c) {
  const name = `PC-${String(c).padStart(6, '0')}`;
  return {
    _id: `asset-c-${c}`,
    _sequence: 1,
    assetId: `c-${c}`,
    assetType: 'computer',
    entityId: ENTITIES[c % ENTITIES.length],
    recursive: false,
    dynamic: true,
    locked: [],
    trashed: false,
    name,
    nameKey: name.toLowerCase(),
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    lastInventoryAt: '2026-01-01T00:00:00.000Z',
  };
}

async function fill(db) {
  const started = performance.now();
  const catalogue = db.collection('software_catalogue');
  await catalogue.insertMany(
    [0, COMMON + 7].map((n) => ({
      _id: `software-${softwareId(n)}`,
      _sequence: 1,
      softwareId: softwareId(n),
      entityId: 'root',
      recursive: true,
      name: `Software ${n}`,
      nameKey: `software ${n}`,
      publisher: null,
      comment: null,
      versions: Array.from({ length: VERSIONS }, (_, v) => ({
        versionId: versionId(n, v),
        name: `${v}.0`,
        arch: null,
      })),
      createdAt: new Date().toISOString(),
    })),
  );
  const installations = db.collection('computer_software');
  // the service's indexes first, as in production (made at its first start, before any
  // installation): made over a million documents at start, they would hold the service for minutes
  for (const { key, ...options } of INSTALLATION_INDEXES) await installations.createIndex(key, options);
  const computers = Array.from({ length: COMPUTERS }, (_, c) => computerDoc(c));
  for (let from = 0; from < COMPUTERS; from += 5_000) {
    await insertPatiently(db.collection('assets'), computers.slice(from, from + 5_000));
  }
  const batch = [];
  for (let c = 0; c < COMPUTERS; c++) {
    const computerName = `PC-${String(c).padStart(6, '0')}`;
    const seen = new Set();
    const installed = [];
    for (let k = 0; k < PER_COMPUTER; k++) {
      const n = softwareOf(c, k);
      if (seen.has(n)) continue;
      seen.add(n);
      const v = c % VERSIONS;
      installed.push({
        _id: `c-${c}:${versionId(n, v)}`,
        computerId: `c-${c}`,
        computerName,
        computerKey: computerName.toLowerCase(),
        entityId: ENTITIES[c % ENTITIES.length],
        trashed: false,
        softwareId: softwareId(n),
        versionId: versionId(n, v),
        softwareName: `Software ${n}`,
        publisher: null,
        versionName: `${v}.0`,
        arch: null,
        installedAt: null,
        source: 'inventory',
      });
    }
    batch.push(computerSoftwareDocOf(installed));
    if (batch.length >= 100) await insertPatiently(installations, batch.splice(0));
  }
  if (batch.length) await insertPatiently(installations, batch);
  return round((performance.now() - started) / 1000, 1);
}

/** A batch, again after a dropped connection (the shared FerretDB is loaded): ids make it idempotent. */
async function insertPatiently(collection, docs) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await collection.insertMany(docs, { ordered: false });
    } catch (error) {
      // what the first attempt wrote is there already (duplicate ids): the rest went in
      if (error.writeErrors?.every((one) => one.code === 11000)) return undefined;
      if (attempt >= 5) throw error;
      await sleep(2000 * attempt);
    }
  }
}

/** The route's p50/p99 and the bare driver's on the same questions, interleaved. */
async function compare(url, token, installations, shared, software, version) {
  const query = `/api/software/${software}/installations?limit=50${version ? `&versionId=${version}` : ''}`;
  const timed = async (operation) => {
    const started = performance.now();
    await operation();
    return performance.now() - started;
  };
  let total = 0;
  const viaApi = async () => {
    const answer = await fetch(`${url}${query}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await answer.json();
    if (!answer.ok) throw new Error(`${query}: ${answer.status} ${JSON.stringify(body)}`);
    total = body.total;
  };
  // the service's way while its indexes load: each entity's computers read whole, unpacked, filtered
  const matches = (one) => Object.entries(shared).every(([field, value]) => one[field] === value);
  const raw = () =>
    Promise.all(
      ENTITIES.map(async (entityId) =>
        (await installations.find({ entityId, trashed: false }).toArray()).flatMap((doc) =>
          installationsOf(doc).filter(matches),
        ),
      ),
    );
  await viaApi();
  const rawTotal = (await raw()).reduce((sum, having) => sum + having.length, 0);
  if (rawTotal !== total) throw new Error(`${query}: the API counts ${total}, the read model ${rawTotal}`);
  const api = [];
  const driver = [];
  for (let i = 0; i < SAMPLES; i++) {
    api.push(await timed(viaApi));
    if (i < RAW_SAMPLES) driver.push(await timed(raw));
  }
  return {
    query,
    matching: total,
    apiP50Ms: percentile(api, 50),
    apiP99Ms: percentile(api, 99),
    rawDriverP50Ms: percentile(driver, 50),
    rawDriverP99Ms: percentile(driver, 99),
    apiOverRawP50: round(percentile(api, 50) / percentile(driver, 50), 2),
  };
}
