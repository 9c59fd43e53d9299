import { execFile } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { commandMetadata } from '@itsm/auth';
import { EventSourcedCommands, newId, type ServiceUnderTest } from '@itsm/runtime';
import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import { eventually, useIsolatedStack } from '@itsm/testing';
import { importRunDecider, runStreamId } from './run/import-run.decider';
import { RunFiles } from './run/run-files';
import { RunQueue } from './run/run-queue';
import { RunReconciliation } from './run/run-reconciliation';
import { postFile, startImports } from './test-support/imports-test-app';

// Runs over HTTP on the real stack: a dry run of the seed's users file read line by line (every
// line gets Data Injection's verdict, nothing is sent), its failed lines as CSV, and the refusals
// made before a run is queued. Real runs, whose lines identity answers, are in tests/platform.
const stack = useIsolatedStack();
let imports: ServiceUnderTest;
let identity: IdentityFixture;
let admin: FixtureUser;
let adminB: FixtureUser;
let techA: FixtureUser;
let usersModel: string;

const header = 'Prenom;Nom de famille;Login;Adresse mail;Groupe;Actif (Oui = 1 - Non = 0)';
const usersFile = [
  header,
  'Bertrand;BLIER;bblier;bertrand.blier@example.org;;1', // new: would be created
  'Gérard;DEPARDIEU;glpi;gerard@example.org;;1', // exists: the model allows no update (32)
  'Patrick;DEWAERE;pdewaere;pas-une-adresse;;1', // 22: not an e-mail
  ';MIOU-MIOU;;miou@example.org;;0', // 23: the link field is empty
  'Jeanne;MOREAU;jmoreau;jeanne@example.org;Groupe inconnu;1', // 12 with 33: the group is not found
  '=HYPERLINK("http://evil");FORMULE;formule;f@example.org;;peut-être', // 22: not yes/no; its cells are formulas
].join('\r\n');

beforeAll(async () => {
  identity = new IdentityFixture(stack);
  await identity.connect();
  imports = await startImports(stack);
  await identity.siblingTree();
  admin = await identity.user('glpi', 'super-admin');
  adminB = await identity.user('admin-b', 'admin', { entityId: 'B' });
  techA = await identity.user('tech-a', 'technician', { entityId: 'A' });
  await new Promise((resolve) => setTimeout(resolve, 1100)); // the entity tree cache (1 s) sees A, A1, B
  const proposed = await postFile(
    imports,
    '/api/import-models/propose',
    admin.token,
    { name: 'users.csv', content: usersFile },
    { targetType: 'users' },
  );
  expect(proposed).toMatchObject({ status: 200 });
  const mapping = proposed.body.mapping.map((column: { field: string }) => ({
    ...column,
    linkField: column.field === 'login',
  }));
  const created = await imports.api(admin.token).post('/api/import-models', {
    name: 'Utilisateurs',
    targetType: 'users',
    private: false,
    recursive: true,
    mapping,
  });
  expect(created.status).toBe(201);
  usersModel = created.body.modelId;
  // the importer knows identity's users (glpi exists) before it runs lines against them
  await eventually(
    async () => (await imports.api(admin.token).get('/api/import-models')).status === 200,
    30_000,
    'imports up',
  );
});

async function finished(token: string, runId: string) {
  let run: { status: string } = { status: '' };
  await eventually(
    async () => {
      run = (await imports.api(token).get(`/api/import-runs/${runId}`)).body;
      return ['finished', 'failed', 'cancelled'].includes(run.status);
    },
    60_000,
    `run ${runId} ended`,
  );
  return run as { status: string; counts: object; reason: string | null; progress: object };
}

describe('a dry run', () => {
  let runId: string;

  beforeAll(async () => {
    const started = await postFile(
      imports,
      '/api/import-runs',
      admin.token,
      { name: 'utilisateurs.csv', content: usersFile },
      { modelId: usersModel, dryRun: 'true' },
    );
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({
      status: 'queued',
      dryRun: true,
      fileName: 'utilisateurs.csv',
      entityId: 'root',
    });
    runId = started.body.runId;
  });

  it('gives every line its verdict with Data Injection’s codes, and writes nothing', async () => {
    const run = await finished(admin.token, runId);
    expect(run).toMatchObject({ status: 'finished', counts: { succeeded: 2, warnings: 1, failed: 4 } });
    const lines = (await imports.api(admin.token).get(`/api/import-runs/${runId}/lines?limit=100`)).body;
    expect(lines.total).toBe(6);
    expect(
      lines.items.map(({ line, status, code, action }: Record<string, unknown>) => [line, status, code, action]),
    ).toEqual([
      [2, 'success', 10, 'create'],
      [3, 'failed', 32, null],
      [4, 'failed', 22, null],
      [5, 'failed', 23, null],
      [6, 'warning', 12, 'create'],
      [7, 'failed', 22, null],
    ]);
    expect(lines.items[4]).toMatchObject({ field: 'group', dryRun: true });
    const failedOnly = (await imports.api(admin.token).get(`/api/import-runs/${runId}/lines?status=failed`)).body;
    expect(failedOnly.items.map((line: { line: number }) => line.line)).toEqual([3, 4, 5, 7]);
  });

  it('gives the failed lines back as CSV: original columns, line, code and reason, formulas neutralised', async () => {
    const response = await fetch(`${imports.url}/api/import-runs/${runId}/failed.csv`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = (await response.text())
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe(`${header};Ligne;Code;Raison`);
    expect(rows).toHaveLength(5);
    expect(rows[1]).toMatch(/^Gérard;DEPARDIEU;glpi;.*;3;32;/);
    expect(rows[4]).toMatch(/^"'=HYPERLINK\(""http:\/\/evil""\)";FORMULE;/);
  });

  it('is listed newest first with its model, file, counts and requester', async () => {
    const page = (await imports.api(admin.token).get('/api/import-runs?limit=100')).body;
    const queuedAt = page.items.map((run: { queuedAt: string }) => run.queuedAt);
    expect(queuedAt).toEqual([...queuedAt].sort().reverse());
    expect(page.items.find((run: { runId: string }) => run.runId === runId)).toMatchObject({
      modelName: 'Utilisateurs',
      fileName: 'utilisateurs.csv',
      dryRun: true,
      status: 'finished',
      counts: { succeeded: 2, warnings: 1, failed: 4 },
      requestedBy: admin.userId,
      requestedByName: 'glpi',
    });
  });

  it('is seen in its entity only', async () => {
    expect((await imports.api(adminB.token).get(`/api/import-runs/${runId}`)).status).toBe(404);
    expect((await imports.api(adminB.token).get('/api/import-runs')).body.items).toEqual([]);
    expect(
      (await imports.api(admin.token).get('/api/import-runs')).body.items.map((run: { runId: string }) => run.runId),
    ).toContain(runId);
  });
});

describe('a run refused before it is queued', () => {
  const send = (token: string, fields: Record<string, string>, name = 'u.csv', content = usersFile) =>
    postFile(imports, '/api/import-runs', token, { name, content }, fields);

  it('needs a model the caller sees, the right to write the type and an entity in scope', async () => {
    expect((await send(admin.token, {})).status).toBe(400);
    expect((await send(adminB.token, { modelId: usersModel, entityId: 'A' })).status).toBe(403);
    const tech = await send(techA.token, { modelId: usersModel, dryRun: 'true' });
    expect(tech.status).toBe(403); // a technician holds no import.run
    expect((await send(admin.token, { modelId: usersModel, dryRun: 'maybe' })).status).toBe(400);
    expect((await send(admin.token, { modelId: usersModel, additional: '{"location":"Siège"}' })).body.errors).toEqual([
      { field: 'additional.location', message: 'not asked by the model' },
    ]);
  });

  it('fails a run whose header does not match the model, with GLPI’s message', async () => {
    const started = await send(admin.token, { modelId: usersModel, dryRun: 'true' }, 'u.csv', 'Login;Nom\r\nx;y\r\n');
    expect(started.status).toBe(202);
    const run = await finished(admin.token, started.body.runId);
    expect(run).toMatchObject({
      status: 'failed',
      reason: 'The number of columns of the file is incorrect. 6 awaited / 2 found',
    });
  });
});

describe('a run queued whose job was lost (a crash between its event and its job)', () => {
  /** what StartRunHandler does, but for the job: the run is queued and no worker will take it */
  async function queuedWithoutJob(dryRun: boolean, keepToken: boolean): Promise<string> {
    const runId = newId();
    const { fileId, sizeBytes } = await imports.app.get(RunFiles).store(Readable.from([usersFile]), 'u.csv');
    if (keepToken) await imports.app.get(RunQueue).keepToken(runId, admin.token);
    await imports.app.get(EventSourcedCommands).execute(
      importRunDecider,
      runStreamId(runId),
      {
        type: 'queue-run',
        runId,
        modelId: usersModel,
        entityId: 'root',
        fileId,
        fileName: 'u.csv',
        sizeBytes,
        dryRun,
        additional: [],
      },
      commandMetadata({ userId: admin.userId }, 'root'),
      { newStream: true },
    );
    return runId;
  }

  /** reconciles until the run is queued again (the read model follows its event) */
  async function reconciled(runId: string) {
    await eventually(
      async () => (await imports.app.get(RunReconciliation).run()).includes(runId),
      30_000,
      `run ${runId} queued again`,
    );
  }

  it('is queued again by the reconciliation, once, and worked to its end', async () => {
    const runId = await queuedWithoutJob(true, true);
    await reconciled(runId);
    expect(await imports.app.get(RunReconciliation).run()).not.toContain(runId); // its job is live now
    expect(await finished(admin.token, runId)).toMatchObject({
      status: 'finished',
      counts: { succeeded: 2, warnings: 1, failed: 4 },
    });
    expect(await imports.app.get(RunReconciliation).run()).not.toContain(runId);
  });

  it('fails with the reason when the caller’s token is gone, rather than send lines as nobody', async () => {
    const runId = await queuedWithoutJob(false, false);
    await reconciled(runId);
    expect(await finished(admin.token, runId)).toMatchObject({
      status: 'failed',
      reason: 'the access token of the run expired before its lines were sent: start it again',
    });
  });
});

describe('the import CLI (`npm run import`), as a user runs it against the platform', () => {
  const CLI = join(__dirname, '../dist/import-cli.js');
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'import-cli-'));
    await writeFile(join(dir, 'utilisateurs.csv'), usersFile);
    // the header and the one line that passes
    await writeFile(join(dir, 'bons.csv'), usersFile.split('\r\n').slice(0, 2).join('\r\n'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const cli = (...args: string[]): Promise<{ code: number; out: string; err: string }> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        [CLI, '--imports-url', imports.url, '--identity-url', 'http://127.0.0.1:9', ...args],
        { env: { ...process.env, ITSM_TOKEN: admin.token, INIT_CWD: dir } },
        (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }),
      );
    });

  it('follows the run to its summary, writes the failed lines and exits 1 when lines failed', async () => {
    const run = await cli('--model', 'utilisateurs', '--file', 'utilisateurs.csv', '--dry-run');
    expect(run.err).toBe('');
    expect(run.out).toMatch(/^run [0-9a-f-]{36} \(dry run\): 6 lines$/m);
    expect(run.out).toMatch(/finished: 2 would pass \(1 with a warning\), 4 failed/);
    expect(run.code).toBe(1);
    const written = await readFile(join(dir, 'utilisateurs.failed.csv'), 'utf8');
    expect(written.startsWith('\ufeff')).toBe(true); // as the platform writes it: a BOM for spreadsheets
    const failed = written.trim().split('\r\n');
    expect(failed[0]).toBe(`${header};Ligne;Code;Raison`);
    expect(failed).toHaveLength(5);
  });

  it('exits 0 when every line passes, 2 when the run cannot start', async () => {
    const passed = await cli('--model', 'Utilisateurs', '--file', 'bons.csv', '--dry-run', '--quiet');
    expect(passed.out).toMatch(/finished: 1 would pass \(0 with a warning\), 0 failed/);
    expect(passed.code).toBe(0);
    const unknown = await cli('--model', 'Inconnu', '--file', 'bons.csv');
    expect(unknown).toMatchObject({ code: 2, err: 'no import model "Inconnu" that you can see\n' });
  });

  it('exits 2, never 1 (lines failed), saying why, when it cannot run: no file, no platform, an option missing', async () => {
    expect(await cli('--model', 'Utilisateurs', '--file', 'absent.csv')).toMatchObject({
      code: 2,
      err: `cannot read ${join(dir, 'absent.csv')} (ENOENT)\n`,
    });
    // a port nothing listens on any more
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const nowhere = `http://127.0.0.1:${port}`;
    const unreachable = await cli('--model', 'Utilisateurs', '--file', 'bons.csv', '--imports-url', nowhere);
    expect(unreachable).toMatchObject({
      code: 2,
      err: `cannot reach the platform at ${nowhere}/api (ECONNREFUSED)\n`,
    });
    const usage = await cli('--file', 'bons.csv');
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/required option '--model <name>' not specified/);
  });
});
