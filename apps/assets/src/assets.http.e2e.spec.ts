import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import { useIsolatedStack } from '@itsm/testing';
import { assetsHas, created, startAssets, type AssetsUnderTest } from './test-support/assets-test-app';

// Computers over HTTP: a technician of root records and lists them.
const stack = useIsolatedStack();
let assets: AssetsUnderTest;
let identity: IdentityFixture;
let tech: FixtureUser;

beforeAll(async () => {
  identity = new IdentityFixture(stack);
  await identity.connect();
  await identity.siblingTree();
  tech = await identity.user('tech', 'technician');
  assets = await startAssets(stack);
  await Promise.all([assetsHas(stack, 'auth_entity_tree', 4), assetsHas(stack, 'directory_users', 1)]);
});

describe('computers', () => {
  it('creates a computer and reads it back, alone and in the list', async () => {
    const computer = created(
      await assets.api(tech.token).post('/api/computers', { name: 'PC-BLIER', serial: ' SN 123 ', entityId: 'root' }),
    );
    expect(computer).toMatchObject({ assetType: 'computer', name: 'PC-BLIER', serial: 'SN 123', entityId: 'root' });
    const read = await assets.api(tech.token).get(`/api/computers/${computer.assetId}`);
    expect(read.body).toMatchObject({ assetId: computer.assetId, name: 'PC-BLIER' });
    const list = await assets.api(tech.token).get('/api/computers?name=blier');
    expect(list.body).toMatchObject({ total: 1, items: [{ assetId: computer.assetId }] });
  });
});
