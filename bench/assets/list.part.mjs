// The computer list at 100,000 computers (BENCH_ASSETS_COMPUTERS): one entity's computers of one
// status, sorted by name, a page of 20 with its total, over HTTP; beside it, in the same run, the
// bare driver's find and count of the same page on the same collection (the baseline).
import { randomUUID } from 'node:crypto';
import { ASSET_FIELD_NAMES } from '@itsm/contracts';
import { distribution, round } from '../stats.mjs';

const COMPUTERS = Number(process.env.BENCH_ASSETS_COMPUTERS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_ASSETS_LIST_SAMPLES ?? 100);
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

/** Inserts computers until there are COMPUTERS; a dropped connection (a loaded FerretDB) resumes from the count. */
async function fill(collection) {
  for (let attempt = 1; ; attempt++) {
    try {
      const present = await collection.countDocuments({ assetType: 'computer' });
      for (let from = present; from < COMPUTERS; from += 1000) {
        const docs = Array.from({ length: Math.min(1000, COMPUTERS - from) }, (_, k) => computerDoc(from + k));
        await collection.insertMany(docs, { ordered: false });
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

export async function listPart({ url, token, db }) {
  const collection = db.collection('assets');
  const filling = performance.now();
  await fill(collection);
  const fillSeconds = round((performance.now() - filling) / 1000, 1);
  const entityId = 'entity-3';
  const statusId = 'en-service';
  const api = async () => {
    const answer = await fetch(`${url}/api/computers?entityId=${entityId}&statusId=${statusId}&sort=name&limit=20`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (answer.status !== 200) throw new Error(`list: ${answer.status} ${await answer.text()}`);
    return answer.json();
  };
  const filter = { assetType: 'computer', entityId, trashed: false, statusId };
  const raw = () =>
    Promise.all([
      collection.find(filter).sort({ nameKey: 1, _id: 1 }).limit(20).toArray(),
      collection.countDocuments(filter),
    ]);
  const [page, [rawPage, rawTotal]] = await Promise.all([api(), raw()]);
  if (page.total !== rawTotal || page.items[0]?.assetId !== rawPage[0]?.assetId) {
    throw new Error(`the API and the driver disagree: ${page.total} vs ${rawTotal}`);
  }
  // alternated, so that the machine's other load weighs on both alike
  const apiMs = [];
  const rawMs = [];
  for (let i = 0; i < SAMPLES; i++) {
    apiMs.push(await timed(api));
    rawMs.push(await timed(raw));
  }
  const apiDistribution = distribution(apiMs);
  const rawDistribution = distribution(rawMs);
  return {
    computers: COMPUTERS,
    fillSeconds,
    query: `GET /api/computers?entityId=${entityId}&statusId=${statusId}&sort=name&limit=20`,
    matching: page.total,
    apiMs: apiDistribution,
    rawDriverMs: rawDistribution,
    p99OverRaw: round(apiDistribution.p99 / rawDistribution.p99, 2),
    targetP99Ms: 50,
  };
}
