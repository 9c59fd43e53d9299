import type { INestApplication } from '@nestjs/common';
import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import type { JsonApi } from '@itsm/runtime';
import { eventually, useIsolatedStack } from '@itsm/testing';
import { MongoClient, type Collection, type Document } from 'mongodb';
import { AssetListIndex } from './asset/queries/list-index/asset-list-index';
import { assetListProjection } from './asset/read-models/asset-list.projection';
import { assetsHas, created, startAssets } from './test-support/assets-test-app';

// The computers list of each replica comes from its in-memory index: it must count every computer
// the read model holds, those created while the index was loading too. The writer's index learns
// of its own commands inline and from Kafka at once (the feed may read a document while the
// writer is writing it); a second replica learns of them from Kafka only, reading documents the
// writer may not have written yet.
const stack = useIsolatedStack();
const PRELOADED = 3000; // the load takes a moment: computers are created meanwhile
const CREATED = 1000;
const AT_ONCE = 16;

let identity: IdentityFixture;
let tech: FixtureUser;
let mongo: MongoClient;
let stored: Collection<{ _id: string } & Document>;

/** Computers in the read model before the service starts, as the projection writes them. */
const { apply: projected } = assetListProjection;
function preloaded(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const assetId = `0190cccc-0000-7000-8000-${String(i).padStart(12, '0')}`;
    const event = {
      type: 'asset.created',
      data: { assetId, assetType: 'computer', entityId: 'root', dynamic: false, fields: { name: `PRE-${i}` } },
      occurredAt: '2026-11-01T08:00:00.000Z',
    };
    return { ...projected(null, event as never), _id: `asset-${assetId}`, _sequence: 1 };
  });
}

/** Creates the computers, AT_ONCE at a time. */
async function createComputers(api: JsonApi) {
  let next = 0;
  await Promise.all(
    Array.from({ length: AT_ONCE }, async () => {
      while (next < CREATED) {
        const i = next++;
        created(await api.post('/api/computers', { name: `PC-LIST-${String(i).padStart(4, '0')}` }));
      }
    }),
  );
}

/** The list's total on a replica, answered by its index (undefined while the read model answers). */
async function listedByIndex(app: INestApplication, api: JsonApi): Promise<number | undefined> {
  const page = jest.spyOn(app.get(AssetListIndex), 'page');
  try {
    const answer = await api.get('/api/computers?limit=1');
    expect(answer.status).toBe(200);
    return page.mock.results.at(-1)?.value ? (answer.body.total as number) : undefined;
  } finally {
    page.mockRestore();
  }
}

beforeAll(async () => {
  identity = new IdentityFixture(stack);
  await identity.connect();
  await identity.siblingTree();
  tech = await identity.user('tech', 'technician');
  mongo = await MongoClient.connect(stack.mongoUrl);
  stored = mongo.db(stack.envFor('assets').MONGO_DB).collection<{ _id: string } & Document>('assets');
  await stored.insertMany(preloaded(PRELOADED));
});
afterAll(() => mongo?.close());

it('lists every computer on every replica, those created while the indexes loaded too', async () => {
  const writer = await startAssets(stack);
  await eventually(async () => writer.app.get(AssetListIndex).ready, 60_000, 'the writer’s index ready');
  const second = await startAssets(stack); // loads while the first computers come
  await Promise.all([assetsHas(stack, 'auth_entity_tree', 4), assetsHas(stack, 'directory_users', 1)]);
  await createComputers(writer.api(tech.token));
  const inReadModel = await stored.countDocuments({ assetType: 'computer', trashed: false });
  expect(inReadModel).toBe(PRELOADED + CREATED);
  for (const replica of [writer, second]) {
    let listed: number | undefined;
    await eventually(
      async () => (listed = await listedByIndex(replica.app, replica.api(tech.token))) === inReadModel,
      60_000,
      'the index lists every computer',
    ).catch(() => undefined);
    expect(listed).toBe(inReadModel);
    expect(replica.app.get(AssetListIndex).size).toBe(inReadModel);
  }
}, 240_000);
