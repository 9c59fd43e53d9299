import { useIsolatedStack } from '@itsm/testing';
import { MongoClient, type Collection, type Document } from 'mongodb';
import { assetFilterOf } from '../asset-filter';
import { AssetListIndex } from './asset-list-index';
import type { AssetListPlan, AssetSortField } from './asset-list-plan';
import { assetRowOf } from './asset-list-row';

// The index must answer what the read model answers to the same plan (assetFilterOf, sorted on the
// field then `_id`, skipped, limited, counted), on FerretDB itself: nulls, case, ties, the scope's
// recursive assets above, the owner's devices, the trash and the software installed.
const stack = useIsolatedStack();
const ENTITIES = ['root', 'E1', 'E2', 'E3'];
const SORTS: AssetSortField[] = ['nameKey', 'serial', 'inventoryNumber', 'updatedAt', 'createdAt', 'lastInventoryAt'];
const DOCS = 400;

let mongo: MongoClient;
let assets: Collection<Document>;
const index = new AssetListIndex();

/** A small deterministic generator: the same documents and plans at every run. */
function random(seed: number) {
  let state = seed;
  return (below: number) => {
    // mulberry32: every bit varies (a plain 31-bit LCG loses its low bits in doubles)
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % below;
  };
}
const pick = random(11);
const oneOf = <T>(values: readonly T[]): T => values[pick(values.length)];
const maybe = <T>(value: T): T | null => (pick(4) === 0 ? null : value);

const idOf = (i: number) => `0190bbbb-0000-7000-8000-${String(i).padStart(12, '0')}`;

function documentOf(i: number) {
  const assetId = idOf(i);
  const name = oneOf(['PC', 'pc', 'Laptop', 'SRV', 'Écran']) + `-${pick(30)}`;
  const day = `2026-0${1 + pick(3)}-1${pick(9)}T00:00:00.000Z`;
  return {
    _id: `asset-${assetId}`,
    _sequence: 1 + pick(5),
    assetId,
    assetType: i % 5 === 0 ? 'monitor' : 'computer',
    entityId: oneOf(ENTITIES),
    recursive: pick(3) === 0,
    trashed: pick(8) === 0,
    name,
    nameKey: name.toLowerCase(),
    serial: maybe(`SN-${oneOf(['a', 'B', 'c'])}${pick(50)}`),
    inventoryNumber: maybe(`INV${pick(20)}`),
    typeId: maybe(oneOf(['t1', 't2'])),
    modelId: maybe(oneOf(['m1', 'm2'])),
    manufacturerId: maybe('dell'),
    statusId: maybe(oneOf(['s1', 's2', 's3'])),
    locationId: maybe(oneOf(['l1', 'l2'])),
    userId: maybe(oneOf(['u1', 'u2', 'u3'])),
    groupId: maybe('g1'),
    createdAt: day,
    updatedAt: pick(2) ? day : `2026-05-0${1 + pick(5)}T00:00:00.000Z`,
    lastInventoryAt: maybe(`2026-04-${10 + pick(10)}T00:00:00.000Z`),
  };
}

function planOf(): AssetListPlan {
  const owner = pick(6) === 0;
  const entities = ENTITIES.filter(() => pick(2) === 0);
  const plan: AssetListPlan = {
    assetType: pick(4) === 0 ? 'monitor' : 'computer',
    scope: owner
      ? { ownerId: oneOf(['u1', 'u2']) }
      : { entities: entities.length > 0 ? entities : ['E1'], recursiveAbove: pick(2) ? ['root'] : [] },
    trashed: !owner && pick(6) === 0,
    equalities: [],
    contains: [],
    sortField: oneOf(SORTS),
    direction: pick(2) ? 1 : -1,
    skip: [0, 0, 5, 20][pick(4)],
    limit: [5, 20][pick(2)],
  };
  if (pick(5) === 0) plan.entityId = oneOf(ENTITIES);
  if (pick(3) === 0) plan.equalities.push(['statusId', oneOf(['s1', 's2', 's3'])]);
  if (pick(5) === 0) plan.equalities.push(['userId', oneOf(['u1', 'u3'])]);
  if (pick(5) === 0) plan.contains.push(['name', oneOf(['pc', 'Pc-1', 'écran', '.'])]);
  if (pick(5) === 0) plan.contains.push(['serial', oneOf(['sn-b', 'A1'])]);
  if (pick(5) === 0)
    plan.inventoried = pick(2) ? { from: '2026-04-14T00:00:00.000Z' } : { before: '2026-04-15T00:00:00.000Z' };
  if (pick(4) === 0) plan.assetIds = new Set(Array.from({ length: 60 }, () => idOf(pick(DOCS))));
  return plan;
}

beforeAll(async () => {
  mongo = await MongoClient.connect(stack.mongoUrl);
  assets = mongo.db(stack.dbName).collection('assets');
  const docs = Array.from({ length: DOCS }, (_, i) => documentOf(i));
  await assets.insertMany(docs as never[]);
  for (const doc of docs) index.upsert(assetRowOf(doc)!);
  index.markReady();
  index.confirmFresh(600_000);
});
afterAll(() => mongo.close());

describe('the asset list index', () => {
  it('answers 80 random plans as the read model does', async () => {
    let found = 0;
    for (let i = 0; i < 80; i++) {
      const plan = planOf();
      const filter = assetFilterOf(plan);
      const [docs, total] = await Promise.all([
        assets
          .find(filter)
          .sort({ [plan.sortField]: plan.direction, _id: plan.direction })
          .skip(plan.skip)
          .limit(plan.limit)
          .toArray(),
        assets.countDocuments(filter),
      ]);
      const page = index.page(plan)!;
      expect([i, page.rows.map((row) => row.assetId), page.total]).toEqual([i, docs.map((doc) => doc.assetId), total]);
      if (total > 0) found++;
    }
    expect(found).toBeGreaterThan(40); // the plans find something, mostly
  });
});
