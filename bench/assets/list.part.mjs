// The computer list at 100,000 computers (BENCH_ASSETS_COMPUTERS): one entity's computers of one
// status, sorted by name, a page of 20 with its total, over HTTP, then the same with a software
// installed (on every third computer); beside each, in the same run, the bare driver's find and
// count of the same page on the same collection (the baseline the read model path costs). The
// computers and installations are written straight into the read models before the service
// starts (an inventory per computer over HTTP would take hours): each replica loads its list
// index from them at start.
import { randomUUID } from 'node:crypto';
import { ASSET_FIELD_NAMES } from '@itsm/contracts';
import { createRequire } from 'node:module';
import { distribution, round } from '../stats.mjs';

// a computer's installations as the service's feed packs them (the built service's own code)
const { computerSoftwareDocOf, installationsOf } = createRequire(import.meta.url)(
  '../../apps/assets/dist/installation/read-models/computer-software-doc.js',
);

const COMPUTERS = Number(process.env.BENCH_ASSETS_COMPUTERS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_ASSETS_LIST_SAMPLES ?? 100);
/** the read model's page takes seconds at 100,000 computers: fewer samples of it */
const RAW_SAMPLES = Number(process.env.BENCH_ASSETS_LIST_RAW_SAMPLES ?? 10);
const ENTITIES = Array.from({ length: 10 }, (_, i) => `entity-${i}`);
const STATUSES = ['en-service', 'en-stock', 'en-reparation', 'rebut'];

/** A computer as the `assets` projection writes it. */
function computerDoc(i) {
  const assetId = randomUUID();
  const fields = Object.fromEntries(ASSET_FIELD_NAMES.map((field) => [field, field === 'recursive' ? false : null]));
  const name = `PC-${String((i * 7919) % COMPUTERS).padStart(6, '0')}`;
  const at = new Date(Date.parse('2026-01-01T00:00:00Z') + i * 1000).toISOString();
  return {
    _id: `asset-${assetId}`,
    _sequence: 1,
    assetId,
    assetType: 'computer',
    entityId: ENTITIES[i % ENTITIES.length],
    dynamic: true,
    locked: [],
    trashed: i % 50 === 0,
    ...fields,
    name,
    serial: `SN${i}`,
    statusId: STATUSES[Math.floor(i / ENTITIES.length) % STATUSES.length],
    nameKey: name.toLowerCase(),
    warrantyExpiresOn: null,
    warrantyAnnouncedFor: null,
    createdAt: at,
    updatedAt: at,
    lastInventoryAt: at,
  };
}

const SOFTWARE_ID = 'sw-listed';
const VERSION_ID = 'sw-listed-v1';

/** The installation of the listed software on a computer, as the installations feed writes it. */
function installationDoc(computer) {
  return {
    _id: `${computer.assetId}:${VERSION_ID}`,
    computerId: computer.assetId,
    computerName: computer.name,
    computerKey: computer.nameKey,
    entityId: computer.entityId,
    trashed: computer.trashed,
    softwareId: SOFTWARE_ID,
    versionId: VERSION_ID,
    softwareName: 'Listed Software',
    publisher: null,
    versionName: '1.0',
    arch: null,
    installedAt: null,
    source: 'inventory',
  };
}

/** Inserts computers (and the software on every third one) until there are COMPUTERS; a dropped connection resumes from the count. */
async function fill(db) {
  const assets = db.collection('assets');
  const installations = db.collection('computer_software');
  for (let attempt = 1; ; attempt++) {
    try {
      const present = await assets.countDocuments({ assetType: 'computer' });
      for (let from = present; from < COMPUTERS; from += 1000) {
        const docs = Array.from({ length: Math.min(1000, COMPUTERS - from) }, (_, k) => computerDoc(from + k));
        await assets.insertMany(docs, { ordered: false });
        const installed = docs
          .filter((_, k) => (from + k) % 3 === 0)
          .map((computer) => computerSoftwareDocOf([installationDoc(computer)]));
        await installations.insertMany(installed, { ordered: false }).catch((error) => {
          if (!error.writeErrors?.every((one) => one.code === 11000)) throw error;
        });
      }
      return;
    } catch (error) {
      if (attempt === 5) throw error;
    }
  }
}

const timed = async (operation) => {
  const started = performance.now();
  await operation();
  return performance.now() - started;
};

async function prepare(db) {
  const filling = performance.now();
  await fill(db);
  return { fillSeconds: round((performance.now() - filling) / 1000, 1) };
}

async function run({ url, token, db, prepared }) {
  const entityId = 'entity-3';
  const statusId = 'en-service';
  const query = `/api/computers?entityId=${entityId}&statusId=${statusId}&sort=name&limit=20`;
  const filter = { assetType: 'computer', entityId, trashed: false, statusId };
  const plain = await measure(url, token, db, query, filter);
  // the read model's way: every computer's installations read, those having it kept, then the page among them
  const computersWith = async () =>
    (await db.collection('computer_software').find({}).toArray()).flatMap((doc) =>
      installationsOf(doc).some((one) => one.softwareId === SOFTWARE_ID) ? [doc._id] : [],
    );
  const withSoftware = await measure(url, token, db, `${query}&softwareId=${SOFTWARE_ID}`, filter, computersWith);
  const pages = await measurePages(url, token, query, plain.matching);
  return { computers: COMPUTERS, ...prepared, plain, withSoftware, pages, targetP99Ms: 50 };
}

export const listPart = { prepare, run };

/** The list route, timed whole and by the steps its Server-Timing names. */
function timedApi(url, token) {
  /** step -> its durations */
  const steps = new Map();
  const call = async (query) => {
    const answer = await fetch(`${url}${query}`, { headers: { authorization: `Bearer ${token}` } });
    if (answer.status !== 200) throw new Error(`list: ${answer.status} ${await answer.text()}`);
    for (const [name, ms] of serverTimings(answer.headers.get('server-timing'))) {
      steps.set(name, [...(steps.get(name) ?? []), ms]);
    }
    return answer.json();
  };
  const stepsMs = () => Object.fromEntries([...steps].map(([name, ms]) => [name, distribution(ms)]));
  return { call, steps, stepsMs };
}

/**
 * Every page of the query in turn, each asked once (SAMPLES at most): the pages' documents are
 * not in the service's cache, as when people page through or filter differently.
 */
async function measurePages(url, token, query, matching) {
  const { call, stepsMs } = timedApi(url, token);
  const pages = Math.min(SAMPLES, Math.ceil(matching / 20));
  const apiMs = [];
  for (let page = 1; page <= pages; page++) apiMs.push(await timed(() => call(`${query}&page=${page}`)));
  return { query: `GET ${query}&page=1…${pages}`, apiMs: distribution(apiMs), serviceStepsMs: stepsMs() };
}

/** The route's distribution and the bare driver's (find, count) on the same page, alternated. */
async function measure(url, token, db, query, equalities, computersWith) {
  const collection = db.collection('assets');
  const { call, steps, stepsMs } = timedApi(url, token);
  const api = () => call(query);
  const raw = async () => {
    const filter = computersWith ? { ...equalities, assetId: { $in: await computersWith() } } : equalities;
    return Promise.all([
      collection.find(filter).sort({ nameKey: 1, _id: 1 }).limit(20).toArray(),
      collection.countDocuments(filter),
    ]);
  };
  const [page, [rawPage, rawTotal]] = await Promise.all([api(), raw()]);
  steps.clear(); // the first answer warms the caches
  if (page.total !== rawTotal || page.items[0]?.assetId !== rawPage[0]?.assetId) {
    throw new Error(`the API and the driver disagree on ${query}: ${page.total} vs ${rawTotal}`);
  }
  // alternated (the first RAW_SAMPLES), so that the machine's other load weighs on both alike
  const apiMs = [];
  const rawMs = [];
  for (let i = 0; i < SAMPLES; i++) {
    apiMs.push(await timed(api));
    if (i < RAW_SAMPLES) rawMs.push(await timed(raw));
  }
  const apiDistribution = distribution(apiMs);
  const rawDistribution = distribution(rawMs);
  return {
    query: `GET ${query}`,
    matching: page.total,
    apiMs: apiDistribution,
    serviceStepsMs: stepsMs(),
    rawDriverMs: rawDistribution,
    p99OverRaw: round(apiDistribution.p99 / rawDistribution.p99, 2),
  };
}

/** `name;dur=1.2, …` as [name, ms] pairs. */
function serverTimings(header) {
  return (header ?? '').split(',').flatMap((entry) => {
    const [name, ...params] = entry.trim().split(';');
    const duration = params.find((param) => param.trim().startsWith('dur='));
    return name && duration ? [[name, Number(duration.trim().slice(4))]] : [];
  });
}
