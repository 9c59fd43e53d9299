import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { jsonApi } from '@itsm/runtime';
import { useIsolatedStack } from '@itsm/testing';
import { startService, type ServiceProcess } from './service-process';

// The demo Parc as `npm start` makes it: identity's seed (the users, M. Blier among them), then
// the assets seed through the HTTP API of the built service. M. Blier, a self-service user, then
// sees his own devices (his computer, screen, printer and phone) and nothing else; a second run
// adds nothing.
const stack = useIsolatedStack();
const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '../..');
let identity: ServiceProcess;
let assets: ServiceProcess;

const seedOf = (service: string, env: Record<string, string>) =>
  run(process.execPath, [path.join(repoRoot, 'apps', service, 'dist', 'seed.js')], {
    env: { ...process.env, ...stack.envFor(service), ...env },
  });

async function signIn(login: string) {
  const answer = await jsonApi(identity.url).post('/api/auth/login', { login, password: login });
  return jsonApi(assets.url, answer.body.accessToken);
}

beforeAll(async () => {
  identity = await startService(stack, 'identity');
  await seedOf('identity', {});
  assets = await startService(stack, 'assets');
  await seedOf('assets', { ITSM_IDENTITY_URL: identity.url, ITSM_ASSETS_URL: assets.url });
});

describe('the demo Parc', () => {
  it('gives M. Blier his devices, and only his', async () => {
    const blier = await signIn('S1');
    const names = async (route: string) =>
      (await blier.get(`/api/${route}`)).body.items.map((item: { name: string }) => item.name);
    expect(await names('computers')).toEqual(['PC-COMMERCIAL-01']);
    expect(await names('printers')).toEqual(['IMP-COMMERCIAL-01']);
    expect(await names('monitors')).toEqual(['ECRAN-COMMERCIAL-01']);
    expect(await names('phones')).toEqual(['POSTE-COMMERCIAL-01']);
    expect(await names('network-equipments')).toEqual([]);
  });

  it('shows the technician the whole Parc with its catalogues, once however often it is seeded', async () => {
    const { stdout } = await seedOf('assets', { ITSM_IDENTITY_URL: identity.url, ITSM_ASSETS_URL: assets.url });
    expect(stdout).toContain('already there');
    const tech = await signIn('tech');
    expect((await tech.get('/api/computers')).body.total).toBe(3);
    const printer = (await tech.get('/api/printers?name=IMP-COMMERCIAL')).body.items[0];
    expect(printer).toMatchObject({ lastPageCounter: 18_240, manufacturerId: expect.any(String) });
    const locations = (await tech.get('/api/asset-dropdowns/locations/tree')).body;
    expect(locations[0].children.map((node: { completeName: string }) => node.completeName).sort()).toEqual([
      'Siège > Bâtiment A',
      'Siège > Salle serveur',
    ]);
  });
});
