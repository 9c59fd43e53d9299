import { commitOf, type StoredCommitDoc } from '@itsm/eventsourcing';
import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import { useIsolatedStack } from '@itsm/testing';
import { MongoClient } from 'mongodb';
import { assetsHas, startAssets, type AssetsUnderTest } from '../test-support/assets-test-app';
import { readUntil } from './test-support/agent-http';
import { ensureFusionInventoryAgent, runFusionInventoryAgent } from './test-support/agent-runner';

// The real FusionInventory agent 2.6 (Debian's package) against the service: PROLOG, SEND,
// INVENTORY, and the computer read back through the API; a second run changes nothing.
const stack = useIsolatedStack();
let assets: AssetsUnderTest;
let admin: FixtureUser;

async function eventTypesOf(assetId: string): Promise<string[]> {
  const client = await MongoClient.connect(stack.mongoUrl);
  try {
    const commits = await client
      .db(stack.envFor('assets').MONGO_DB)
      .collection<StoredCommitDoc>('events')
      .find({ streamId: `asset-${assetId}` })
      .sort({ sequence: 1 })
      .toArray();
    // a first inventory's commit is large: its events are stored as one string
    return commits.flatMap((commit) => commitOf(commit).events.map((event) => event.type));
  } finally {
    await client.close();
  }
}

beforeAll(async () => {
  ensureFusionInventoryAgent();
  const identity = new IdentityFixture(stack);
  await identity.connect();
  await identity.siblingTree();
  admin = await identity.user('admin', 'super-admin');
  assets = await startAssets(stack);
  await Promise.all([assetsHas(stack, 'auth_entity_tree', 4), assetsHas(stack, 'directory_users', 1)]);
}, 600_000);

describe('the real FusionInventory agent', () => {
  let assetId: string;

  it('inventories this machine: the computer, its composition and its agent read back through the API', async () => {
    const log = await runFusionInventoryAgent(`${assets.url}/inventory`);
    expect(log).toContain('sending prolog request');
    // the answer waits for the commit only: the read models follow
    const agents = await readUntil(
      () => assets.api(admin.token).get('/api/agents'),
      (answer) => answer.body.total === 1,
    );
    expect(agents.body).toMatchObject({ total: 1, items: [{ tag: 'e2e', format: 'fusioninventory-xml' }] });
    expect(agents.body.items[0].agentVersion).toMatch(/^FusionInventory-Agent_v2\.6/);
    assetId = agents.body.items[0].assetId;
    const computer = await readUntil(
      () => assets.api(admin.token).get(`/api/computers/${assetId}`),
      (answer) => answer.status === 200,
    );
    expect(computer.body).toMatchObject({ assetId, dynamic: true, entityId: 'root' });
    expect(computer.body.name).toBeTruthy();
    const components = await readUntil(
      () => assets.api(admin.token).get(`/api/computers/${assetId}/components`),
      (answer) => answer.body.total > 0,
    );
    expect(components.body.operatingSystem.name).toMatch(/Debian/);
    expect(components.body.items.map((item: { kind: string }) => item.kind)).toContain('processor');
    const volumes = await assets.api(admin.token).get(`/api/computers/${assetId}/volumes`);
    expect(volumes.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ mountPoint: '/' })]));
    const ports = await assets.api(admin.token).get(`/api/computers/${assetId}/network-ports`);
    expect(ports.body.total).toBeGreaterThan(0);
    expect(await eventTypesOf(assetId)).toEqual(['asset.created', 'asset.inventory-applied']);
  });

  it('sees the machine again, unchanged, on a second run: only asset.seen is recorded', async () => {
    await runFusionInventoryAgent(`${assets.url}/plugins/fusioninventory/`, ['--force']);
    expect(await eventTypesOf(assetId)).toEqual(['asset.created', 'asset.inventory-applied', 'asset.seen']);
    const agents = await readUntil(
      () => assets.api(admin.token).get('/api/agents'),
      (answer) => answer.body.items[0]?.lastContactAt > answer.body.items[0]?.firstContactAt,
    );
    expect(agents.body.total).toBe(1);
    expect(agents.body.items[0].lastContactAt > agents.body.items[0].firstContactAt).toBe(true);
  });
});
