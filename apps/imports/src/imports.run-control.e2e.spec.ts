import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import { MONGO_CONNECTION, type ServiceUnderTest } from '@itsm/runtime';
import { eventually, useIsolatedStack } from '@itsm/testing';
import type { Connection } from 'mongoose';
import { postFile, startImports } from './test-support/imports-test-app';

// What a demanding user tries beyond the happy path, over HTTP on the real stack: a file over the
// size limit, a cancelled run, the progress as Server-Sent Events, a file that is not CSV past its
// first lines, and requests that name nothing. Every refusal is a 4xx problem+json, never a 500,
// and a refused upload leaves no file behind.
const MAX_BYTES = 4 * 1024 * 1024;
const stack = useIsolatedStack();
let imports: ServiceUnderTest;
let identity: IdentityFixture;
let admin: FixtureUser;
let adminB: FixtureUser;
let usersModel: string;

const header = 'Login;Nom de famille';
const file = (lines: number) =>
  [header, ...Array.from({ length: lines }, (_, at) => `user${at};NOM ${at}`)].join('\r\n');
const UNKNOWN_RUN = '01a24211-9fde-773e-abcf-59fa6ecb430c';

/** GridFS's documents: a file's, once it is whole, and its chunks of 1 MiB as they are written */
const storedFiles = async () => {
  const db = (imports.app.get(MONGO_CONNECTION) as Connection).db!;
  return (
    (await db.collection('import_files.files').countDocuments()) +
    (await db.collection('import_files.chunks').countDocuments())
  );
};

async function problem(response: Response, status: number) {
  expect({ status: response.status, type: response.headers.get('content-type') }).toEqual({
    status,
    type: expect.stringMatching(/^application\/problem\+json/),
  });
  return (await response.json()) as { code: string; detail: string };
}

const get = (path: string, token = admin.token) =>
  fetch(`${imports.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

async function ended(runId: string) {
  let run: { status: string; progress: { linesDone: number } } = { status: '', progress: { linesDone: 0 } };
  await eventually(
    async () => {
      run = (await imports.api(admin.token).get(`/api/import-runs/${runId}`)).body;
      return ['finished', 'failed', 'cancelled'].includes(run.status);
    },
    90_000,
    `run ${runId} ended`,
  );
  return run as typeof run & { reason: string | null; checkpoint: number };
}

beforeAll(async () => {
  identity = new IdentityFixture(stack);
  await identity.connect();
  // one line a batch: a long dry run is still running when it is cancelled
  imports = await startImports(stack, { IMPORT_MAX_FILE_BYTES: String(MAX_BYTES), IMPORT_BATCH_LINES: '1' });
  await identity.siblingTree();
  admin = await identity.user('glpi', 'super-admin');
  adminB = await identity.user('admin-b', 'admin', { entityId: 'B' });
  const created = await imports.api(admin.token).post('/api/import-models', {
    name: 'Utilisateurs',
    targetType: 'users',
    private: false,
    mapping: [
      { column: 'Login', field: 'login', linkField: true },
      { column: 'Nom de famille', field: 'lastName' },
    ],
  });
  expect(created.status).toBe(201);
  usersModel = created.body.modelId;
});

describe('an upload', () => {
  it('over the size limit gets a 413 naming the limit, and leaves no file behind', async () => {
    const before = await storedFiles();
    const form = new FormData();
    form.append('modelId', usersModel);
    form.append('file', new Blob([file(300_000)]), 'trop-gros.csv');
    const response = await fetch(`${imports.url}/api/import-runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}` },
      body: form,
    });
    expect(await problem(response, 413)).toMatchObject({
      code: 'too_large',
      detail: expect.stringContaining('4194304'),
    });
    expect(await storedFiles()).toBe(before);
  });

  it('that is no multipart form, or whose file is no .csv, gets a 400 and leaves no file behind', async () => {
    const before = await storedFiles();
    const json = await fetch(`${imports.url}/api/import-runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ modelId: usersModel }),
    });
    expect(await problem(json, 400)).toMatchObject({ code: 'invalid' });
    const text = await postFile(
      imports,
      '/api/import-runs',
      admin.token,
      { name: 'parc.txt', content: file(1) },
      {
        modelId: usersModel,
      },
    );
    expect(text).toMatchObject({ status: 400, body: { errors: [{ field: 'file', message: 'a .csv file' }] } });
    const unfinished = await fetch(`${imports.url}/api/import-runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'multipart/form-data; boundary=b' },
      body: `--b\r\nContent-Disposition: form-data; name="modelId"\r\n\r\n${usersModel}\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="u.csv"\r\n\r\nLogin;Nom\r\nx;y`,
    });
    expect(await problem(unfinished, 400)).toMatchObject({ code: 'invalid' });
    const unknownModel = await postFile(
      imports,
      '/api/import-runs',
      admin.token,
      { name: 'u.csv', content: file(1) },
      {
        modelId: UNKNOWN_RUN,
      },
    );
    expect(unknownModel.status).toBe(404);
    await eventually(async () => (await storedFiles()) === before, 10_000, 'no file left');
  });
  it('cut short by its client leaves no file behind', async () => {
    const before = await storedFiles();
    const boundary = 'coupe';
    const abort = new AbortController();
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        const head = `--${boundary}\r\nContent-Disposition: form-data; name="modelId"\r\n\r\n${usersModel}\r\n`;
        const part = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="coupe.csv"\r\n\r\n`;
        controller.enqueue(new TextEncoder().encode(head + part + file(100_000))); // 1.7 MB: a chunk written
        // the file is stored as it comes: wait until GridFS holds its start, then leave
        await eventually(async () => (await storedFiles()) > before, 30_000, 'upload begun');
        abort.abort();
      },
    });
    const sent = fetch(`${imports.url}/api/import-runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      signal: abort.signal,
      duplex: 'half',
    } as RequestInit);
    await expect(sent).rejects.toThrow();
    await eventually(async () => (await storedFiles()) === before, 30_000, 'the partial file removed');
  });
});

describe('a run whose model links by a field its owner cannot find items by', () => {
  it('is refused before it is queued (422), rather than create every line again; 403 first to whoever may not import', async () => {
    const created = await imports.api(admin.token).post('/api/import-models', {
      name: 'Ordinateurs par MAC',
      targetType: 'computers',
      private: false,
      mapping: [
        { column: 'Nom', field: 'name' },
        { column: 'MAC', field: 'mac', linkField: true },
      ],
    });
    expect(created.status).toBe(201);
    const before = await storedFiles();
    const form = new FormData();
    form.append('modelId', created.body.modelId);
    form.append('file', new Blob(['Nom;MAC\r\nPC-1;00:11:22:33:44:55\r\n']), 'parc.csv');
    const send = (token: string) =>
      fetch(`${imports.url}/api/import-runs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
    const technician = await identity.user('tech-mac', 'technician');
    expect(await problem(await send(technician.token), 403)).toMatchObject({
      detail: 'missing right import.run',
    });
    const response = await send(admin.token);
    expect(await problem(response, 422)).toMatchObject({
      code: 'rule',
      detail:
        'existing computers cannot be found by mac yet: choose link fields among name, serial, inventoryNumber, uuid',
    });
    expect(await storedFiles()).toBe(before);
  });
});

describe('a run cancelled while it runs', () => {
  it('stops after the batch under way: its lines so far keep their result, no more are read', async () => {
    const started = await postFile(
      imports,
      '/api/import-runs',
      admin.token,
      { name: 'long.csv', content: file(5000) },
      {
        modelId: usersModel,
        dryRun: 'true',
      },
    );
    expect(started.status).toBe(202);
    const { runId } = started.body;
    let running = { progress: { linesDone: 0, linesTotal: 0, linesPerSecond: 0, secondsLeft: null } };
    await eventually(
      async () => {
        running = (await imports.api(admin.token).get(`/api/import-runs/${runId}`)).body;
        return running.progress.linesDone > 0;
      },
      60_000,
      'the run has lines done',
    );
    // the file's lines were counted as it came in: the time left is the rest at the pace so far
    const { linesDone, linesPerSecond, secondsLeft } = running.progress;
    expect(running.progress.linesTotal).toBe(5000);
    expect(linesPerSecond).toBeGreaterThan(0);
    expect(secondsLeft).toBe(Math.ceil((5000 - linesDone) / linesPerSecond));
    const cancelled = await imports.api(admin.token).post(`/api/import-runs/${runId}/cancel`, {});
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled', reason: 'cancelled by glpi' } });
    const run = await ended(runId);
    expect(run.status).toBe('cancelled');
    expect(run.progress.linesDone).toBeLessThan(5000);
    const total = async () =>
      (await imports.api(admin.token).get(`/api/import-runs/${runId}/lines?limit=1`)).body.total as number;
    const linesThen = await total();
    // the worker left it and is free for the next run (it used to wait for the file's reader for good)
    const next = await postFile(
      imports,
      '/api/import-runs',
      admin.token,
      { name: 'court.csv', content: file(2) },
      {
        modelId: usersModel,
        dryRun: 'true',
      },
    );
    expect(await ended(next.body.runId)).toMatchObject({ status: 'finished', progress: { linesDone: 2 } });
    expect(await total()).toBe(linesThen);

    const again = await fetch(`${imports.url}/api/import-runs/${runId}/cancel`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(await problem(again, 409)).toMatchObject({ code: 'illegal_transition' });
    const elsewhere = await fetch(`${imports.url}/api/import-runs/${runId}/cancel`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminB.token}` },
    });
    await problem(elsewhere, 404);
  });
});

describe('the progress as Server-Sent Events', () => {
  it('streams the run’s progress until it ends, then closes', async () => {
    const started = await postFile(
      imports,
      '/api/import-runs',
      admin.token,
      { name: 'court.csv', content: file(3) },
      {
        modelId: usersModel,
        dryRun: 'true',
      },
    );
    const response = await get(`/api/import-runs/${started.body.runId}/events`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = (await response.text())
      .split('\n\n')
      .filter((event) => event.includes('data:'))
      .map((event) => ({
        type: /^event: (.*)$/m.exec(event)?.[1],
        data: JSON.parse(/^data: (.*)$/m.exec(event)![1]) as { status: string; progress: { linesDone: number } },
      }));
    expect(events.every((event) => event.type === 'progress')).toBe(true);
    expect(events.at(-1)!.data).toMatchObject({
      status: 'finished',
      progress: { linesDone: 3, linesTotal: 3, secondsLeft: 0 },
    });
  });

  it('of a run nobody sees, or no run at all, is a 404 problem', async () => {
    await problem(await get(`/api/import-runs/${UNKNOWN_RUN}/events`), 404);
    const started = await postFile(
      imports,
      '/api/import-runs',
      admin.token,
      { name: 'court.csv', content: file(1) },
      {
        modelId: usersModel,
        dryRun: 'true',
      },
    );
    await problem(await get(`/api/import-runs/${started.body.runId}/events`, adminB.token), 404);
  });
});

describe('a file that stops being CSV past its first lines', () => {
  it('fails its run with the line and the reason, rather than try it again and again', async () => {
    const broken = `${file(3)}\r\nuser9;"NOM jamais fermé\r\nuser10;NOM 10\r\n`;
    const started = await postFile(
      imports,
      '/api/import-runs',
      admin.token,
      { name: 'casse.csv', content: broken },
      {
        modelId: usersModel,
        dryRun: 'true',
      },
    );
    const run = await ended(started.body.runId);
    expect(run).toMatchObject({
      status: 'failed',
      reason: 'the file cannot be read as CSV: line 5 opens a quote that is never closed',
    });
    // the lines before the break were read and kept their results
    const lines = (await imports.api(admin.token).get(`/api/import-runs/${started.body.runId}/lines`)).body.items;
    expect(lines.map(({ line, code }: { line: number; code: number }) => [line, code])).toEqual([
      [2, 10],
      [3, 10],
      [4, 10],
    ]);
    // its failed lines are those before the break: the download ends there, whole
    const failed = await get(`/api/import-runs/${started.body.runId}/failed.csv`);
    expect(failed.status).toBe(200);
    expect(Buffer.from(await failed.arrayBuffer()).toString('utf8')).toBe(
      '\ufeffLogin;Nom de famille;Ligne;Code;Raison\r\n',
    );
  });
});

describe('requests that name nothing', () => {
  it('get a 400 for a malformed id or filter, a 404 for an unknown run, as problems', async () => {
    await problem(await get('/api/import-runs/pas%20un%20id'), 400);
    await problem(await get(`/api/import-runs/${UNKNOWN_RUN}`), 404);
    await problem(await get(`/api/import-runs/${UNKNOWN_RUN}/lines`), 404);
    await problem(await get(`/api/import-runs/${UNKNOWN_RUN}/failed.csv`), 404);
    await problem(await get('/api/import-runs?status=perdu'), 400);
    await problem(await get(`/api/import-models/${UNKNOWN_RUN}`), 404);
  });
});
