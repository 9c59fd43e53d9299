import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import type { ApiAnswer } from '@itsm/runtime';
import { eventually, useIsolatedStack } from '@itsm/testing';
import { MongoClient, type Db } from 'mongodb';
import { deflateSync } from 'node:zlib';
import { assetsHas, startAssets, type AssetsUnderTest } from '../test-support/assets-test-app';
import { postAgentBody, readUntil, zlibbed, gzipped } from './test-support/agent-http';
import { fusionInventoryInventory, fusionInventoryProlog, glpiAgentExample } from './test-support/agent-fixtures';

// The agents' endpoint over HTTP: both protocols, the rules, locked fields, and hostile bodies,
// each refused with a clear 4xx and nothing written.
const stack = useIsolatedStack();
let assets: AssetsUnderTest;
let identity: IdentityFixture;
let admin: FixtureUser;
let inventoryUrl: string;

async function readAssetsDb<T>(read: (db: Db) => Promise<T>): Promise<T> {
  const client = await MongoClient.connect(stack.mongoUrl);
  try {
    return await read(client.db(stack.envFor('assets').MONGO_DB));
  } finally {
    await client.close();
  }
}

const assetCommits = () =>
  readAssetsDb((db) => db.collection('events').countDocuments({ streamId: { $regex: '^asset' } }));

/** The parts of the inventory_format example the tests change. */
interface ExampleInventory {
  deviceid: string;
  tag?: string;
  content: {
    hardware: Record<string, unknown>;
    bios: Record<string, unknown>;
    networks: unknown[];
    cpus: Array<Record<string, unknown>>;
    drives: Array<Record<string, unknown>>;
  };
}

/** The computers with this serial, once `count` are listed (the list follows the inventory's answer). */
const computersWithSerial = (serial: string, count: number) =>
  readUntil(
    () => assets.api(admin.token).get(`/api/computers?serial=${serial}`),
    (list) => list.body.items.length >= count,
  );

/** The agents, once this device is among them. */
const agentListed = (deviceId: string) =>
  readUntil(
    async () => (await assets.api(admin.token).get('/api/agents?limit=100')).body.items as Array<{ deviceId: string }>,
    (agents) => agents.some((agent) => agent.deviceId === deviceId),
  );

const glpiInventory = (changes: (example: ExampleInventory) => void = () => undefined): string => {
  const example = glpiAgentExample() as unknown as ExampleInventory;
  changes(example);
  return JSON.stringify({ ...example, action: 'inventory', itemtype: 'Computer' });
};

beforeAll(async () => {
  identity = new IdentityFixture(stack);
  await identity.connect();
  await identity.siblingTree();
  admin = await identity.user('admin', 'super-admin');
  assets = await startAssets(stack, { ASSETS_INVENTORY_MAX_BODY_MB: '2', ASSETS_INVENTORY_MAX_INFLATED_MB: '8' });
  inventoryUrl = `${assets.url}/inventory`;
  await Promise.all([assetsHas(stack, 'auth_entity_tree', 4), assetsHas(stack, 'directory_users', 1)]);
});

describe('agent protocols', () => {
  it('answers a PROLOG with SEND, in the encoding the agent used', async () => {
    const plain = await postAgentBody(inventoryUrl, fusionInventoryProlog(), 'xml');
    expect(plain).toMatchObject({ status: 200, text: expect.stringContaining('<RESPONSE>SEND</RESPONSE>') });
    expect(plain.headers['content-type']).toMatch(/^application\/xml/);
    const zlib = await postAgentBody(inventoryUrl, zlibbed(fusionInventoryProlog()), 'zlib');
    expect(zlib.headers['content-type']).toMatch(/^application\/x-compress-zlib/);
    expect(zlib.text).toContain('<PROLOG_FREQ>24</PROLOG_FREQ>');
    const gzip = await postAgentBody(`${assets.url}/front/inventory.php`, gzipped(fusionInventoryProlog()), 'gzip');
    expect(gzip.headers['content-type']).toMatch(/^application\/x-compress-gzip/);
  });

  it('answers GLPI Agent’s CONTACT in JSON', async () => {
    const contact = JSON.stringify({ action: 'contact', deviceid: 'glpixps', name: 'GLPI-Agent', version: '1.12' });
    const answer = await postAgentBody(inventoryUrl, zlibbed(contact), 'zlib');
    expect(JSON.parse(answer.text)).toEqual({ status: 'ok', expiration: 24, tasks: { inventory: {} } });
  });

  it('creates a computer from a GLPI Agent JSON inventory, its catalogue values found or created by normalised name', async () => {
    const first = await postAgentBody(inventoryUrl, zlibbed(glpiInventory()), 'zlib');
    expect(first).toMatchObject({ status: 200, text: '{"status":"ok"}' });
    const list = await computersWithSerial('640HP72', 1);
    expect(list.body.items).toHaveLength(1);
    const dell = list.body.items[0];
    expect(dell).toMatchObject({ name: 'glpixps', dynamic: true, uuid: '4c4c4544-0034-3010-8048-b6c04f503732' });
    const other = glpiInventory((example) => {
      example.deviceid = 'other-dell';
      example.content.hardware = { ...example.content.hardware, name: 'other', uuid: 'u-other' };
      example.content.bios = { ...example.content.bios, ssn: 'OTHER1', smanufacturer: '  DELL   INC. ' };
      example.content.networks = [];
    });
    expect((await postAgentBody(inventoryUrl, other, 'json')).status).toBe(200);
    const second = (await computersWithSerial('OTHER1', 1)).body.items[0];
    expect(second.manufacturerId).toBe(dell.manufacturerId);
  });
});

describe('network cards and their MACs', () => {
  it('shows the ports and cards with their MACs, and finds the computer by one (any case, : or -)', async () => {
    const [dell] = (await computersWithSerial('640HP72', 1)).body.items;
    const ports = await readUntil(
      () => assets.api(admin.token).get(`/api/computers/${dell.assetId}/network-ports`),
      (answer) => answer.body.total > 0,
    );
    expect(ports.body.items).toContainEqual(expect.objectContaining({ name: 'wlp58s0', mac: '44:85:00:2b:90:bc' }));
    const components = await assets.api(admin.token).get(`/api/computers/${dell.assetId}/components`);
    expect(components.body.items).toContainEqual(
      expect.objectContaining({ kind: 'network-card', name: 'enp57s0u1u4', mac: '00:e0:4c:68:01:db' }),
    );
    const byMac = (mac: string) => assets.api(admin.token).get(`/api/computers?mac=${mac}`);
    const found = await readUntil(
      () => byMac('00-E0-4C-68-01-DB'),
      (answer) => answer.body.total > 0,
    );
    expect(found.body.items.map((computer: { assetId: string }) => computer.assetId)).toEqual([dell.assetId]);
    expect((await byMac('02:00:00:00:00:99')).body).toMatchObject({ total: 0, items: [] });
    expect((await assets.api(admin.token).get('/api/monitors?mac=00:e0:4c:68:01:db')).body.total).toBe(0);
    const malformed = await byMac('00:e0:4c');
    expect([malformed.status, malformed.body.errors?.[0]?.field]).toEqual([400, 'mac']);
  });
});

describe('import rules, entity rules and locked fields', () => {
  it('links an inventory from another device id to the computer with the same serial', async () => {
    const before = (await assets.api(admin.token).get('/api/computers?serial=640HP72')).body.items[0];
    const renamed = glpiInventory((example) => {
      example.deviceid = 'reinstalled-glpixps';
    });
    expect((await postAgentBody(inventoryUrl, renamed, 'json')).status).toBe(200);
    await agentListed('reinstalled-glpixps');
    const after = await assets.api(admin.token).get('/api/computers?serial=640HP72');
    expect(after.body.items.map((computer: { assetId: string }) => computer.assetId)).toEqual([before.assetId]);
  });

  it('links by MAC address an inventory without serial nor UUID, under another name', async () => {
    const before = (await assets.api(admin.token).get('/api/computers?serial=640HP72')).body.items[0];
    const anonymous = glpiInventory((example) => {
      example.deviceid = 'mac-only';
      example.content.hardware = { ...example.content.hardware, name: 'renamed-by-mac', uuid: '' };
      example.content.bios = { ...example.content.bios, ssn: '', msn: '' };
    });
    expect((await postAgentBody(inventoryUrl, anonymous, 'json')).status).toBe(200);
    expect(await agentListed('mac-only')).toContainEqual(
      expect.objectContaining({ deviceId: 'mac-only', assetId: before.assetId }),
    );
  });

  it('places a new computer by the agent’s tag, and keeps a name a person edited', async () => {
    const rules = await assets.api(admin.token).put('/api/inventory-rules', {
      importRules: [{ name: 'Serial', criteria: ['serial'] }],
      entityRules: [{ name: 'Agents of A', tag: 'tag-a', entityId: 'A' }],
      defaultEntityId: 'root',
    });
    expect(rules.status).toBe(200);
    const tagged = (name: string) =>
      glpiInventory((example) => {
        example.deviceid = 'tagged-pc';
        example.tag = 'tag-a';
        example.content.hardware = { ...example.content.hardware, name, uuid: 'u-tagged' };
        example.content.bios = { ...example.content.bios, ssn: 'TAGGED1' };
      });
    expect((await postAgentBody(inventoryUrl, tagged('pc-a'), 'json')).status).toBe(200);
    const computer = (await computersWithSerial('TAGGED1', 1)).body.items[0];
    expect(computer).toMatchObject({ entityId: 'A', name: 'pc-a' });
    const edited = await assets.api(admin.token).patch(`/api/computers/${computer.assetId}`, { name: 'PC-A-COMPTA' });
    expect(edited.status).toBe(200);
    expect((await postAgentBody(inventoryUrl, tagged('pc-a-renamed'), 'json')).status).toBe(200);
    // the inventory is applied (its history says so), and left the name alone
    await readUntil(
      async () => (await assets.api(admin.token).get(`/api/computers/${computer.assetId}/history`)).body,
      (history: unknown[]) => history.length > 2,
    );
    const read = await assets.api(admin.token).get(`/api/computers/${computer.assetId}`);
    expect(read.body.name).toBe('PC-A-COMPTA');
  });

  it('refuses rules naming an entity that does not exist', async () => {
    const refused = await assets.api(admin.token).put('/api/inventory-rules', {
      importRules: [],
      entityRules: [{ name: 'Nowhere', ipRange: '10.0.0.0/8', entityId: 'nowhere' }],
      defaultEntityId: 'root',
    });
    expect(refused.status).toBe(422);
  });

  it('reorders the rules (GLPI’s Monter/Descendre) against the version read, a stale or partial order refused', async () => {
    const api = assets.api(admin.token);
    const set = await api.put('/api/inventory-rules', {
      importRules: [
        { name: 'Serial', criteria: ['serial'] },
        { name: 'MAC', criteria: ['mac'] },
      ],
      entityRules: [{ name: 'Agents of A', tag: 'tag-a', entityId: 'A' }],
      defaultEntityId: 'root',
    });
    const { version, entityRules } = set.body;
    const names = (answer: ApiAnswer) => (answer.body.importRules as Array<{ name: string }>).map((rule) => rule.name);
    const moved = await api.put('/api/inventory-rules/order', { version, importRules: [1, 0] });
    expect(moved.status).toBe(200);
    expect(names(moved)).toEqual(['MAC', 'Serial']);
    expect(moved.body).toMatchObject({ version: version + 1, entityRules, defaultEntityId: 'root' });
    expect((await api.get('/api/inventory-rules')).body).toEqual(moved.body);
    expect((await api.put('/api/inventory-rules/order', { version, importRules: [1, 0] })).status).toBe(409);
    const partial = await api.put('/api/inventory-rules/order', { version: version + 1, importRules: [0, 0] });
    expect(partial.status).toBe(400);
    expect(partial.body.errors).toEqual([{ field: 'importRules', message: 'each position from 0 to 1 once' }]);
    const technician = await identity.user('tech-rules', 'technician');
    const refused = await assets.api(technician.token).put('/api/inventory-rules/order', { version: version + 1 });
    expect(refused.status).toBe(403);
    // moved back down: the order the next tests expect
    const back = await api.put('/api/inventory-rules/order', { version: version + 1, importRules: [1, 0] });
    expect(names(back)).toEqual(['Serial', 'MAC']);
  });
});

describe('hostile bodies: a clear 4xx and nothing written', () => {
  let commits: number;
  beforeEach(async () => {
    commits = await assetCommits();
  });
  afterEach(async () => {
    expect(await assetCommits()).toBe(commits);
  });

  const inventoryXml = () => fusionInventoryInventory().replace('vm-2026-12-03-22-46-25', 'hostile-pc');

  it('refuses a truncated zlib body', async () => {
    const truncated = zlibbed(inventoryXml()).subarray(0, 2000);
    const answer = await postAgentBody(inventoryUrl, truncated, 'zlib');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).detail).toContain('cannot be inflated');
  });

  it('stops a zip bomb at the inflate cap', async () => {
    const bomb = deflateSync(Buffer.alloc(64 * 1024 * 1024, ' '), { level: 9 });
    const answer = await postAgentBody(inventoryUrl, bomb, 'zlib');
    expect(answer.status).toBe(413);
  });

  it('refuses entity expansion and external entities', async () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
      '<REQUEST><DEVICEID>&b;</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>';
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>' +
      '<REQUEST><DEVICEID>&x;</DEVICEID><QUERY>INVENTORY</QUERY><CONTENT><HARDWARE><NAME>&x;</NAME></HARDWARE></CONTENT></REQUEST>';
    for (const body of [laughs, xxe]) {
      const answer = await postAgentBody(inventoryUrl, body, 'xml');
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('DOCTYPE');
      expect(answer.text).not.toContain('root:');
    }
  });

  it('refuses a 100 MB body before reading it whole', async () => {
    const answer = await postAgentBody(inventoryUrl, { chunk: Buffer.alloc(1024 * 1024, 'x'), times: 100 }, 'zlib');
    expect(answer.status).toBe(413);
  });

  it('refuses a JSON inventory the schema does not accept, naming the violation', async () => {
    const invalid = glpiInventory((example) => {
      example.deviceid = 'invalid-pc';
      example.content.cpus[0].speed = 'fast';
    });
    const answer = await postAgentBody(inventoryUrl, zlibbed(invalid), 'zlib');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).detail).toBe('content/cpus/0/speed: must be integer (inventory_format schema)');
  });

  it('refuses a PROLOG without a device id', async () => {
    const answer = await postAgentBody(inventoryUrl, zlibbed('<REQUEST><QUERY>PROLOG</QUERY></REQUEST>'), 'zlib');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).detail).toContain('device id is required');
  });
});

describe('agent authentication by token', () => {
  let guarded: AssetsUnderTest;
  const token = 'tok-entity-b-0123456789';

  beforeAll(async () => {
    // a replica of its own (database, consumer groups): two assets services on one database at once
    // made FerretDB 1.24 panic ("slice bounds out of range") and drop the test's connection
    guarded = await startAssets(stack, {
      ASSETS_AGENT_AUTH: 'token',
      ASSETS_AGENT_TOKENS: `B=${token}`,
      SERVICE_NAME: `assets-guarded-${stack.dbName}`,
      MONGO_DB: `${stack.envFor('assets').MONGO_DB}_guarded`,
    });
    stack.onTeardown(async () => {
      const client = await MongoClient.connect(stack.mongoUrl);
      await client
        .db(guarded.env.MONGO_DB)
        .dropDatabase()
        .catch(() => undefined);
      await client.close();
    });
  });

  it('refuses an agent without a token or with a wrong one, with a challenge', async () => {
    const none = await postAgentBody(`${guarded.url}/inventory`, fusionInventoryProlog(), 'xml');
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Basic realm="inventory"');
    const wrong = await postAgentBody(
      `${guarded.url}/inventory?token=wrong-token-0123456789`,
      fusionInventoryProlog(),
      'xml',
    );
    expect(wrong.status).toBe(401);
  });

  it('takes the token in the URL or as the Basic password, and places new computers in its entity', async () => {
    const basic = `Basic ${Buffer.from(`agent:${token}`).toString('base64')}`;
    const prolog = await postAgentBody(`${guarded.url}/inventory`, fusionInventoryProlog(), 'xml', {
      authorization: basic,
    });
    expect(prolog.status).toBe(200);
    const body = zlibbed(fusionInventoryInventory().replace('vm-2026-12-03-22-46-25', 'token-pc'));
    const answer = await postAgentBody(`${guarded.url}/inventory?token=${token}`, body, 'zlib');
    expect(answer.status).toBe(200);
    // the agents list is a read model: a replica that has just started may apply the commit a moment later
    const listed = async () => (await guarded.api(admin.token).get('/api/agents?limit=100')).body.items;
    await eventually(async () => (await listed()).some((agent: { deviceId: string }) => agent.deviceId === 'token-pc'));
    expect(await listed()).toContainEqual(expect.objectContaining({ deviceId: 'token-pc', entityId: 'B' }));
  });
});

describe('an inventory in the history', () => {
  interface HistoryLine {
    event: string;
    changes: Array<{ field: string; from: unknown; to: unknown }>;
  }
  const lines = async (assetId: string, field: string) =>
    ((await assets.api(admin.token).get(`/api/computers/${assetId}/history`)).body as HistoryLine[])
      .filter((entry) => entry.event === 'asset.inventory-applied')
      .map((entry) => entry.changes.filter((change) => change.field === field));

  it('lists what each inventory changed: everything added first, then the processor replaced', async () => {
    const [dell] = (await assets.api(admin.token).get('/api/computers?serial=640HP72')).body.items;
    const [first] = await lines(dell.assetId, 'software');
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((change) => change.from === null && typeof change.to === 'string')).toBe(true);
    const upgraded = glpiInventory((example) => {
      example.content.cpus = [{ ...example.content.cpus[0], name: 'Intel(R) Core(TM) i7-8550U CPU @ 1.80GHz' }];
    });
    expect((await postAgentBody(inventoryUrl, upgraded, 'json')).status).toBe(200);
    const components = (await lines(dell.assetId, 'component')).at(-1);
    expect(components).toEqual([
      { field: 'component', from: expect.stringMatching(/^processor: .*i5-6200U/), to: null },
      { field: 'component', from: null, to: expect.stringMatching(/^processor: .*i7-8550U/) },
    ]);
  });

  it('marks an unchanged re-inventory seen: the composition is not rewritten, the free space it measured shows', async () => {
    const [dell] = (await assets.api(admin.token).get('/api/computers?serial=640HP72')).body.items;
    const composition = () =>
      readAssetsDb((db) => db.collection('computer_compositions').findOne({ assetId: dell.assetId }));
    const lastCommit = () =>
      readAssetsDb((db) =>
        db.collection('events').findOne({ streamId: `asset-${dell.assetId}` }, { sort: { sequence: -1 } }),
      );
    // the composition as the last inventory (the processor replaced) left it
    const applied = (await lastCommit())?.lastSequence;
    const before = await readUntil(composition, (doc) => doc?._sequence === applied);
    expect(before?._sequence).toBe(applied);
    const fuller = glpiInventory((example) => {
      example.content.cpus = [{ ...example.content.cpus[0], name: 'Intel(R) Core(TM) i7-8550U CPU @ 1.80GHz' }];
      example.content.drives = example.content.drives.map((drive) =>
        drive.type === '/' ? { ...drive, free: 9000 } : drive,
      );
    });
    expect((await postAgentBody(inventoryUrl, fuller, 'json')).status).toBe(200);
    expect(((await lastCommit())?.events as Array<{ type: string }>).map((event) => event.type)).toEqual([
      'asset.seen',
    ]);
    const freeOnRoot = (items: Array<{ mountPoint: string; freeMb: number }>) =>
      items.find((volume) => volume.mountPoint === '/')?.freeMb;
    const volumes = await readUntil(
      async () => (await assets.api(admin.token).get(`/api/computers/${dell.assetId}/volumes`)).body.items,
      (items) => freeOnRoot(items) === 9000,
    );
    expect(freeOnRoot(volumes)).toBe(9000);
    // the seen inventory's read models are written (the free space shows): the composition was not
    expect((await composition())?._sequence).toBe(applied);
  });
});
