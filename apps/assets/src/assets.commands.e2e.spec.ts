import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import { acceptedData, CommandSender, eventually, useIsolatedStack } from '@itsm/testing';
import { assetsHas, startAssets, type AssetsUnderTest } from './test-support/assets-test-app';

// Imports drive assets by commands on itsm.assets.commands. `asset.create` version 2 carries a
// computer's operating system (an import's OS columns): the computer then shows it where an
// agent inventory's shows, GET /api/computers/:id/components; bad ones are refused, nothing written.
const stack = useIsolatedStack();
let assets: AssetsUnderTest;
let tech: FixtureUser;
let sender: CommandSender;

beforeAll(async () => {
  const identity = new IdentityFixture(stack);
  await identity.connect();
  await identity.siblingTree();
  tech = await identity.user('tech', 'technician');
  assets = await startAssets(stack);
  await assetsHas(stack, 'auth_entity_tree', 4);
  sender = new CommandSender(stack, 'assets');
  await sender.connect();
});

const create = (data: object, schemaVersion = 2) =>
  sender.command('asset.create', { entityId: 'root', ...data }, { token: tech.token, schemaVersion });

it('creates a computer with its operating system (version 2), shown where an agent’s shows', async () => {
  const command = create({
    assetType: 'computer',
    name: 'PC-OS-01',
    operatingSystem: { name: ' Windows ', version: '11', edition: 'Professionnel', architecture: '64-bit' },
  });
  await sender.send(command);
  const [[result]] = await sender.resultsOf([command]);
  const { assetId } = acceptedData(result).answer as { assetId: string };
  const api = assets.api(tech.token);
  expect((await api.get(`/api/computers/${assetId}`)).body).toMatchObject({ name: 'PC-OS-01' });
  await eventually(
    async () => (await api.get(`/api/computers/${assetId}/components`)).body.operatingSystem !== null,
    20_000,
    'the computer’s composition',
  );
  expect((await api.get(`/api/computers/${assetId}/components`)).body).toMatchObject({
    operatingSystem: { name: 'Windows', version: '11', edition: 'Professionnel', architecture: '64-bit' },
    items: [],
  });
  const history = (await api.get(`/api/computers/${assetId}/history`)).body as Array<{ changes: unknown[] }>;
  expect(history.flatMap((entry) => entry.changes)).toContainEqual({
    field: 'operatingSystem',
    from: null,
    to: 'Windows 11',
  });
});

it('refuses an operating system on another type, one without a name or with unknown parts, writing nothing', async () => {
  const refused = [
    create({ assetType: 'monitor', name: 'ECRAN-OS', operatingSystem: { name: 'Windows' } }),
    create({ assetType: 'computer', name: 'PC-OS-02', operatingSystem: { version: '11' } }),
    create({ assetType: 'computer', name: 'PC-OS-03', operatingSystem: { name: 'Windows', flavour: 'x' } }),
    create({
      assetType: 'computer',
      name: 'PC-OS-04',
      operatingSystem: { name: 'Windows', architecture: 'x'.repeat(33) },
    }),
  ];
  await sender.send(refused);
  const results = (await sender.resultsOf(refused)).map(([result]) => result);
  for (const result of results) expect(result).toMatchObject({ type: 'command.refused', data: { code: 'invalid' } });
  const api = assets.api(tech.token);
  expect(
    (await api.get('/api/computers?name=PC-OS-0&limit=10')).body.items.map((c: { name: string }) => c.name),
  ).toEqual(['PC-OS-01']);
  expect((await api.get('/api/monitors?name=ECRAN-OS')).body.total).toBe(0);
});
