import { IdentityFixture } from '@itsm/fixtures';
import { eventually, useIsolatedStack } from '@itsm/testing';
import { MongoClient, type Db } from 'mongodb';
import { assetsHas, startAssets, type AssetsUnderTest } from '../test-support/assets-test-app';
import { ComputerMatchIndex } from './computer-match-index';
import { postAgentBody, zlibbed } from './test-support/agent-http';
import { glpiAgentExample } from './test-support/agent-fixtures';

// Two replicas behind one load balancer: agents' inventories reach either. Each matches from its
// own in-memory index; the first inventory of one new device given to both at once must still
// make one computer, and a computer one replica created must be found by the other's rules.
const stack = useIsolatedStack();
const DEVICES = 8;
let replicas: AssetsUnderTest[];
let mongo: MongoClient;
let db: Db;

const inventoryOf = (device: string, serial: string): Buffer => {
  const example = glpiAgentExample() as { content: Record<string, Record<string, unknown>> };
  const { hardware, bios } = example.content;
  const content = {
    ...example.content,
    hardware: { ...hardware, name: device, uuid: `uuid-${device}` },
    bios: { ...bios, ssn: serial },
    networks: [],
  };
  return zlibbed(JSON.stringify({ ...example, deviceid: device, content, action: 'inventory', itemtype: 'Computer' }));
};

const post = (replica: AssetsUnderTest, body: Buffer) => postAgentBody(`${replica.url}/inventory`, body, 'zlib');

/** The event types of each computer created with this serial, from the event store (the read models follow). */
async function computersWithSerial(serial: string): Promise<string[][]> {
  const creations = await db
    .collection('events')
    .find({ 'events.type': 'asset.created', 'events.data.fields.serial': serial })
    .toArray();
  return Promise.all(
    creations.map(async ({ streamId }) => {
      const commits = await db.collection('events').find({ streamId }).sort({ sequence: 1 }).toArray();
      return commits.flatMap((commit) => (commit.events as Array<{ type: string }>).map((event) => event.type));
    }),
  );
}

beforeAll(async () => {
  mongo = await MongoClient.connect(stack.mongoUrl);
  db = mongo.db(stack.envFor('assets').MONGO_DB);
  const identity = new IdentityFixture(stack);
  await identity.connect();
  await identity.siblingTree();
  replicas = [await startAssets(stack), await startAssets(stack)];
  await assetsHas(stack, 'auth_entity_tree', 4);
  for (const replica of replicas) {
    await eventually(async () => replica.app.get(ComputerMatchIndex).ready, 60_000, 'the matching index ready');
  }
}, 120_000);
afterAll(() => mongo?.close());

it('makes one computer of a new device whose first inventory both replicas get at once', async () => {
  const devices = Array.from({ length: DEVICES }, (_, i) => ({ device: `twin-${i}`, serial: `TWIN-${i}` }));
  const answers = await Promise.all(
    devices.flatMap(({ device, serial }) => replicas.map((replica) => post(replica, inventoryOf(device, serial)))),
  );
  expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
  for (const { serial } of devices) {
    // one computer, created once; the inventory the other replica applied a moment later: seen
    expect(await computersWithSerial(serial)).toEqual([['asset.created', 'asset.inventory-applied', 'asset.seen']]);
  }
});

it('links another device of the same serial, on the other replica, to the computer the first created', async () => {
  const [first, second] = replicas;
  expect((await post(first, inventoryOf('original-pc', 'SHARED-1'))).status).toBe(200);
  await eventually(
    async () => second.app.get(ComputerMatchIndex).find({ rule: 'Serial', serial: 'SHARED-1' }) !== null,
  );
  expect((await post(second, inventoryOf('reinstalled-pc', 'SHARED-1'))).status).toBe(200);
  const computers = await computersWithSerial('SHARED-1');
  expect(computers).toHaveLength(1);
  expect(computers[0].slice(0, 2)).toEqual(['asset.created', 'asset.inventory-applied']);
});
