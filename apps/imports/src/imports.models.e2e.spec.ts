import type { ServiceUnderTest } from '@itsm/runtime';
import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import { useIsolatedStack } from '@itsm/testing';
import { postFile, startImports } from './test-support/imports-test-app';

// Data Injection's models over HTTP: created, proposed from a sample file, changed, deleted, each
// seen only where GLPI shows it (its entities, recursive ones below, private ones by their owner).
const stack = useIsolatedStack();
let imports: ServiceUnderTest;
let admin: FixtureUser;
let adminA: FixtureUser;
let techB: FixtureUser;
let selfA: FixtureUser;

const computersModel = (overrides: object = {}) => ({
  name: 'Import_ordinateurs',
  targetType: 'computers',
  private: false,
  options: { dateFormat: 'dd-mm-yyyy', allowUpdate: true },
  mapping: [
    { column: 'Nom', field: 'name', linkField: true },
    { column: 'Numero de serie', field: 'serial' },
    { column: 'Couleur', field: null },
  ],
  ...overrides,
});

beforeAll(async () => {
  const identity = new IdentityFixture(stack);
  await identity.connect();
  imports = await startImports(stack);
  await identity.siblingTree();
  admin = await identity.user('glpi', 'super-admin');
  adminA = await identity.user('admin-a', 'admin', { entityId: 'A' });
  techB = await identity.user('tech-b', 'admin', { entityId: 'B' });
  selfA = await identity.user('s-a', 'self-service', { entityId: 'A' });
  await new Promise((resolve) => setTimeout(resolve, 1100)); // the entity tree cache (1 s) sees A, A1, B
});

describe('import models', () => {
  it('creates a model with Data Injection’s defaults for what is not given', async () => {
    const created = await imports.api(adminA.token).post('/api/import-models', computersModel());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Import_ordinateurs',
      entityId: 'A',
      ownerId: adminA.userId,
      recursive: false,
      options: {
        allowCreation: true,
        allowUpdate: true,
        allowDropdownCreation: false,
        overwriteNonEmptyFields: true,
        dateFormat: 'dd-mm-yyyy',
        floatFormat: 'dot',
        delimiter: ';',
        headerPresent: true,
        encoding: 'auto',
      },
      mapping: [
        { column: 'Nom', field: 'name', linkField: true, mandatory: false },
        { column: 'Numero de serie', field: 'serial', linkField: false, mandatory: false },
        { column: 'Couleur', field: null, linkField: false, mandatory: false },
      ],
    });
  });

  it('refuses a mapping without link field, naming it, and bad options, naming them', async () => {
    const api = imports.api(adminA.token);
    const noLink = await api.post(
      '/api/import-models',
      computersModel({ mapping: [{ column: 'Nom', field: 'name' }] }),
    );
    expect(noLink.status).toBe(400);
    expect(noLink.body).toMatchObject({ status: 400, code: 'invalid', detail: 'the mapping is not usable' });
    expect(noLink.body.errors).toEqual([
      { field: 'mapping', message: expect.stringMatching(/one link field must be selected/) },
    ]);
    const badOptions = await api.post(
      '/api/import-models',
      computersModel({ options: { dateFormat: 'yy/mm/dd', delimiter: ';;' } }),
    );
    expect(badOptions.status).toBe(400);
    expect(badOptions.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'options.dateFormat',
      'options.delimiter',
    ]);
    for (const delimiter of ['"', '\n', '\r']) {
      const unreadable = await api.post('/api/import-models', computersModel({ options: { delimiter } }));
      expect(unreadable.body).toMatchObject({
        status: 400,
        errors: [{ field: 'options.delimiter', message: 'delimiter is one character, not a quote nor a line break' }],
      });
    }
    const unknownField = await api.post('/api/import-models', { ...computersModel(), owner: 'someone-else' });
    expect(unknownField.status).toBe(400);
  });

  it('shows a model to its entities and owner only; a private one to its owner only', async () => {
    const shared = (await imports.api(adminA.token).post('/api/import-models', computersModel({ name: 'Partagé A' })))
      .body;
    const mine = (
      await imports.api(adminA.token).post('/api/import-models', computersModel({ name: 'Privé A', private: true }))
    ).body;
    const names = async (user: FixtureUser) =>
      ((await imports.api(user.token).get('/api/import-models?limit=100')).body.items as Array<{ name: string }>).map(
        (m) => m.name,
      );
    expect(await names(adminA)).toEqual(expect.arrayContaining(['Partagé A', 'Privé A']));
    expect(await names(admin)).toContain('Partagé A');
    expect(await names(admin)).not.toContain('Privé A');
    expect(await names(techB)).toEqual([]);
    expect((await imports.api(techB.token).get(`/api/import-models/${shared.modelId}`)).status).toBe(404);
    expect(
      (await imports.api(techB.token).patch(`/api/import-models/${shared.modelId}`, { name: 'Volé' })).status,
    ).toBe(404);
    expect((await imports.api(admin.token).delete(`/api/import-models/${mine.modelId}`)).status).toBe(404);
    expect((await imports.api(selfA.token).get('/api/import-models')).status).toBe(403);
  });

  it('changes a model, checking the mapping again, and deletes it', async () => {
    const api = imports.api(adminA.token);
    const model = (await api.post('/api/import-models', computersModel({ name: 'À changer' }))).body;
    const changed = await api.patch(`/api/import-models/${model.modelId}`, {
      name: 'Changé',
      options: { allowUpdate: false },
      mapping: [{ column: 'Serial', field: 'serial', linkField: true }],
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      name: 'Changé',
      options: { allowUpdate: false, dateFormat: 'dd-mm-yyyy' },
      mapping: [{ column: 'Serial', field: 'serial', linkField: true }],
    });
    const wrongType = await api.patch(`/api/import-models/${model.modelId}`, { targetType: 'users' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors[0]).toEqual({ field: 'mapping[0].field', message: 'users have no field "serial"' });
    expect((await api.delete(`/api/import-models/${model.modelId}`)).status).toBe(204);
    expect((await api.get(`/api/import-models/${model.modelId}`)).status).toBe(404);
  });
});

describe('a model proposed from a sample file', () => {
  it("proposes the seed's computers mapping from a Windows-1252 file, with a preview", async () => {
    const header = "Nom;Fabricant;Modele;Numero de serie;Nom OS;Date d'achat;Duree garantie (en mois)";
    const content = Buffer.from(
      `${header}\r\nPC-BLIER;Dell;Optiplex;SN-1;Windows;01/02/2024;36\r\nPC-Réception;HP;;SN-2;;;\r\n`,
      'latin1',
    );
    const proposed = await postFile(
      imports,
      '/api/import-models/propose',
      adminA.token,
      { name: 'parc.csv', content },
      { targetType: 'computers' },
    );
    expect(proposed.status).toBe(200);
    expect(proposed.body.options).toEqual({ delimiter: ';', encoding: 'windows-1252', headerPresent: true });
    expect(proposed.body.mapping.map((column: { field: string | null }) => column.field)).toEqual([
      'name',
      'manufacturer',
      'model',
      'serial',
      'osName',
      'purchaseDate',
      'warrantyMonths',
    ]);
    expect(proposed.body.preview[1][0]).toBe('PC-Réception');
  });

  it('refuses what is not a CSV file or names no type', async () => {
    const sample = { name: 'parc.csv', content: 'Nom\nPC-1\n' };
    expect(
      (await postFile(imports, '/api/import-models/propose', adminA.token, sample, { targetType: 'cars' })).status,
    ).toBe(400);
    const exe = await postFile(
      imports,
      '/api/import-models/propose',
      adminA.token,
      { name: 'parc.exe', content: 'MZ' },
      { targetType: 'computers' },
    );
    expect(exe.status).toBe(400);
    expect(exe.body.errors).toEqual([{ field: 'file', message: 'a .csv file' }]);
    const quote = await postFile(imports, '/api/import-models/propose', adminA.token, sample, {
      targetType: 'computers',
      delimiter: '"',
    });
    expect(quote.body).toMatchObject({ status: 400, errors: [{ field: 'delimiter' }] });
  });
});
