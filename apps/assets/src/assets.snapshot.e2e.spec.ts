import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import { INDEX_SNAPSHOTS } from '@itsm/runtime';
import { eventually, useIsolatedStack } from '@itsm/testing';
import { Binary, MongoClient, type Collection, type Document } from 'mongodb';
import { AssetIndexesFeed } from './asset/queries/list-index/asset-indexes.feed';
import { AssetListIndex } from './asset/queries/list-index/asset-list-index';
import { assetsHas, created, startAssets, type AssetsUnderTest } from './test-support/assets-test-app';

// A replica starts from the packed snapshot of the list indexes the last one left at its clean
// stop, then reads the events since from Kafka: what changed after the snapshot is listed too. A
// snapshot it cannot read is passed over: the read models are loaded, as without one.
const stack = useIsolatedStack();

let identity: IdentityFixture;
let tech: FixtureUser;
let mongo: MongoClient;
let snapshots: Collection<Document>;

beforeAll(async () => {
  identity = new IdentityFixture(stack);
  await identity.connect();
  await identity.siblingTree();
  tech = await identity.user('tech', 'technician');
  mongo = await MongoClient.connect(stack.mongoUrl);
  snapshots = mongo.db(stack.envFor('assets').MONGO_DB).collection(INDEX_SNAPSHOTS);
});
afterAll(() => mongo?.close());

/** A replica whose indexes answer, and whether it loaded them from the snapshot. */
async function ready(env: Record<string, string> = {}): Promise<{ replica: AssetsUnderTest; fromSnapshot: boolean }> {
  const replica = await startAssets(stack, env);
  const feed = replica.app.get(AssetIndexesFeed);
  await eventually(async () => feed.ready, 60_000, 'the indexes ready');
  return { replica, fromSnapshot: feed.startedFromSnapshot };
}

/** The computers' names as the replica's index lists them. */
async function listed(replica: AssetsUnderTest): Promise<string[]> {
  const page = jest.spyOn(replica.app.get(AssetListIndex), 'page');
  try {
    const answer = await replica.api(tech.token).get('/api/computers?limit=50');
    expect(page.mock.results.at(-1)?.value).toBeDefined(); // the index answered
    return (answer.body.items as Array<{ name: string }>).map(({ name }) => name);
  } finally {
    page.mockRestore();
  }
}

const header = () => snapshots.findOne({ _id: 'asset-indexes' as never });

it('starts from the last snapshot and sees what changed after it; passes over a corrupt one', async () => {
  const first = await ready();
  expect(first.fromSnapshot).toBe(false); // none yet
  await Promise.all([assetsHas(stack, 'auth_entity_tree', 4), assetsHas(stack, 'directory_users', 1)]);
  created(await first.replica.api(tech.token).post('/api/computers', { name: 'PC-BEFORE' }));
  await first.replica.close(); // writes the snapshot
  const written = await header();
  expect(written?.indexes).toEqual(
    expect.arrayContaining([expect.objectContaining({ readModel: 'assets', items: 1 })]),
  );

  // a replica that writes no snapshot changes things after it
  const second = await ready({ READ_INDEX_SNAPSHOT_SECONDS: '0' });
  expect(second.fromSnapshot).toBe(true);
  const after = created(await second.replica.api(tech.token).post('/api/computers', { name: 'PC-AFTER' }));
  expect((await second.replica.api(tech.token).delete(`/api/computers/${after.assetId}`)).status).toBe(200);
  expect((await second.replica.api(tech.token).post(`/api/computers/${after.assetId}/restore`, {})).status).toBe(200);
  created(await second.replica.api(tech.token).post('/api/computers', { name: 'PC-LATER' }));
  await second.replica.close();
  expect((await header())?.generation).toBe(written?.generation);

  // from the first snapshot, then the events since
  const third = await ready();
  expect(third.fromSnapshot).toBe(true);
  await eventually(async () => (await listed(third.replica)).length === 3, 30_000, 'the later computers listed');
  expect(await listed(third.replica)).toEqual(['PC-AFTER', 'PC-BEFORE', 'PC-LATER']);
  await third.replica.close();

  // a chunk of the latest snapshot unreadable: the read models are loaded instead
  const latest = await header();
  expect(latest?.generation).not.toBe(written?.generation); // the third replica's stop wrote one
  await snapshots.updateMany({ generation: latest?.generation }, { $set: { data: new Binary(Buffer.from('no')) } });
  const fourth = await ready();
  expect(fourth.fromSnapshot).toBe(false);
  expect(await listed(fourth.replica)).toEqual(['PC-AFTER', 'PC-BEFORE', 'PC-LATER']);
}, 180_000);
