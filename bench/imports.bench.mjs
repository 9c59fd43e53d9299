// `npm run bench -- imports`: Data Injection end to end. A generated file of BENCH_IMPORTS_ROWS
// computers (100,000; 15 columns) is uploaded to the imports service and counted until every row
// is visible through the assets API (both services their own built process), next to a baseline
// of csv-parse + insertMany of the same rows into one collection in the same run. Then the
// importer's resident memory while a generated file of BENCH_IMPORTS_BIG_MB (256) streams in and
// is parsed (a dry run, sampled for BENCH_IMPORTS_PARSE_SECONDS, then cancelled).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { MongoClient } from 'mongodb';
import { residentKb } from '../infra/local/process.mjs';
import { cpuMsPerRow, cpuSeconds } from './imports/cpu-time.mjs';
import { benchServiceEnv, rsaKeys, stopService } from './bench-service.mjs';
import { round, sleep } from './stats.mjs';
import { publishIdentity, superAdminToken } from './tickets-identity.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROWS = Number(process.env.BENCH_IMPORTS_ROWS ?? 100_000);
const BIG_MB = Number(process.env.BENCH_IMPORTS_BIG_MB ?? 256);
const PARSE_SECONDS = Number(process.env.BENCH_IMPORTS_PARSE_SECONDS ?? 30);
/** past this, the import's figures are those reached so far */
const MAX_SECONDS = Number(process.env.BENCH_IMPORTS_MAX_SECONDS ?? 900);
/** node options of both services, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where their time goes */
const NODE_ARGS = (process.env.BENCH_IMPORTS_NODE_ARGS ?? '').split(' ').filter(Boolean);
const PORTS = { assets: 3914, imports: 3916 };
const COMPARED_PORTS = { assets: 3924, imports: 3926 };
const TIMELINE_SECONDS = 10;

const COLUMNS = [
  ['Nom', 'name', true],
  ['Numero de serie', 'serial'],
  ["Numero d'inventaire", 'inventoryNumber'],
  ['Type', 'type'],
  ['Modele', 'model'],
  ['Fabricant', 'manufacturer'],
  ['Statut', 'status'],
  ['Lieu', 'location'],
  ['Contact', 'contact'],
  ['Systeme', 'osName'],
  ["Date d'achat", 'purchaseDate'],
  ['Duree garantie', 'warrantyMonths'],
  ['Valeur', 'value'],
  ['UUID', 'uuid'],
  ['Commentaires', 'comment'],
];
const HEADER = `${COLUMNS.map(([column]) => column).join(';')}\n`;
const pick = (values, i) => values[i % values.length];

/**
 * One computer; a handful of catalogue values, created by the import (allowDropdownCreation). No
 * user: the bench's user holds no authorization, and assets refuses a user outside the entity.
 */
function row(i) {
  const day = String((i % 28) + 1).padStart(2, '0');
  return (
    [
      `PC-${String(i).padStart(7, '0')}`,
      `SN${i}X${(i * 7919) % 100_000}`,
      `INV-${i}`,
      pick(['Portable', 'Poste fixe', 'Serveur'], i),
      pick(['OptiPlex 7090', 'Latitude 5440', 'ThinkPad T14', 'EliteBook 840', 'ProDesk 400'], i),
      pick(['Dell Inc.', 'Lenovo', 'HP'], i),
      pick(['En service', 'En stock', 'En réparation'], i),
      pick(['Siège', 'Agence Lyon', 'Agence Nantes', 'Entrepôt'], i),
      `poste${i % 500}`,
      pick(['Windows 11', 'Ubuntu 24.04'], i),
      `2024-${String((i % 12) + 1).padStart(2, '0')}-${day}`,
      String(pick([12, 24, 36, 48], i)),
      `${(i % 2000) + 300},${String(i % 100).padStart(2, '0')}`,
      `0000${String(i).padStart(8, '0')}-aaaa-bbbb-cccc-000000000000`.slice(-36),
      `Poste ${i} du parc`,
    ].join(';') + '\n'
  );
}

export default async function importsBench(env) {
  const run = Date.now();
  const keys = rsaKeys();
  const mongo = await MongoClient.connect(env.MONGO_URL);
  // BENCH_IMPORTS_COMPARE_MAIN=<another checkout's root, built>: its services import the same file
  // first (their own databases, topics and ports), then this build's, then the baseline: a
  // before/after in one run on a shared machine
  const compareMain = process.env.BENCH_IMPORTS_COMPARE_MAIN;
  const builds = [];
  try {
    const file = Buffer.from(HEADER + Array.from({ length: ROWS }, (_, i) => row(i)).join(''));
    const compared = compareMain
      ? await importWith({ env, keys, mongo, run: run + 1, root: compareMain, ports: COMPARED_PORTS, builds, file })
      : undefined;
    const build = await importWith({ env, keys, mongo, run, root: path.join(here, '..'), ports: PORTS, builds, file });
    const baseline = await csvParseInsertMany(mongo.db(`bench_imports_baseline_${run}`), file);
    const memory = await memoryWhileParsing({ ...build, pid: build.services.imports.pid });
    const { imported } = build;
    return {
      note:
        'the machine is shared with other work (other helpers’ tests and benches): compare the import with its ' +
        'same-run baseline; absolute figures vary with the load',
      rows: ROWS,
      fileMb: round(file.length / 2 ** 20, 1),
      import: imported,
      baseline,
      importVersusBaseline: round(imported.rowsPerSecond / baseline.rowsPerSecond, 3),
      ...(compared && {
        compared: {
          build: compareMain,
          import: compared.imported,
          importVersusBaseline: round(compared.imported.rowsPerSecond / baseline.rowsPerSecond, 3),
        },
      }),
      memory,
      targets: {
        '100k rows under 60 s': imported.complete && imported.seconds < 60,
        'at least 0.25x the baseline': imported.rowsPerSecond / baseline.rowsPerSecond >= 0.25,
        'memory growth under 200 MB': memory.growthMb < 200,
      },
    };
  } finally {
    await Promise.all(builds.flatMap((build) => Object.values(build.services).map((child) => stopService(child))));
    for (const name of ['assets', 'imports', 'baseline']) {
      for (const tag of [run, run + 1]) {
        await mongo
          .db(`bench_imports_${name}_${tag}`)
          .dropDatabase()
          .catch(() => undefined);
      }
    }
    await mongo.close();
  }
}

/**
 * One build's assets and imports services (their dist under `root`) started on databases and
 * topics of their own, the bench's model created, and the file imported end to end. With
 * BENCH_IMPORTS_DB_COMMANDS=1, the MongoDB commands both services start during the import are
 * counted (bench/imports/db-commands.mjs), by command and collection.
 */
async function importWith({ env, keys, mongo, run, root, ports, builds, file }) {
  const prefix = `bench-imports-${run}.`;
  const counting = process.env.BENCH_IMPORTS_DB_COMMANDS === '1';
  const countsFile = (name) => path.join(os.tmpdir(), `bench-imports-${run}-${name}.commands.json`);
  const monitored = new URL(env.MONGO_URL);
  monitored.searchParams.set('monitorCommands', 'true');
  const envOf = (name) =>
    benchServiceEnv(env, {
      name,
      run,
      port: ports[name],
      publicKey: keys.publicKey,
      extra: {
        KAFKA_TOPIC_PREFIX: prefix,
        MONGO_DB: `bench_imports_${name}_${run}`,
        ...(counting && { MONGO_URL: monitored.toString(), BENCH_DB_COMMANDS_FILE: countsFile(name) }),
      },
    });
  const preload = counting ? ['--import', path.join(here, 'imports/db-commands.mjs')] : [];
  const services = Object.fromEntries(
    ['assets', 'imports'].map((name) => [
      name,
      spawn(process.execPath, [...NODE_ARGS, ...preload, path.join(root, `apps/${name}/dist/main.js`)], {
        env: envOf(name),
        stdio: process.env.BENCH_IMPORTS_LOGS ? 'inherit' : 'ignore',
      }),
    ]),
  );
  const build = { services };
  builds.push(build);
  const url = (name) => `http://127.0.0.1:${ports[name]}`;
  const userId = await publishIdentity(env, prefix);
  // an hour: every line of a long import is sent with the token of its upload
  const token = superAdminToken(keys, userId, 3600);
  const api = apiOf(token);
  const importer = mongo.db(`bench_imports_imports_${run}`);
  await until(
    async () =>
      (await api('GET', `${url('imports')}/api/import-models`).catch(() => null))?.status === 200 &&
      (await importer.collection('directory_users').countDocuments({ login: 'bench' })) === 1 &&
      (await importer.collection('directory_entities').countDocuments({ entityId: 'root' })) === 1,
    'the importer knows the bench user and the root entity',
  );
  await until(
    async () => (await api('GET', `${url('assets')}/api/computers?limit=1`).catch(() => null))?.status === 200,
    'assets answers',
  );
  const model = await api('POST', `${url('imports')}/api/import-models`, {
    name: 'Ordinateurs',
    targetType: 'computers',
    private: false,
    options: { allowDropdownCreation: true, floatFormat: 'comma' },
    mapping: COLUMNS.map(([column, field, linkField]) => ({ column, field, linkField: linkField ?? false })),
  });
  const { modelId } = await model.json();
  const countsNow = async () => {
    await sleep(1000); // the services write their counts twice a second
    return Object.fromEntries(['assets', 'imports'].map((name) => [name, readCounts(countsFile(name))]));
  };
  const before = counting ? await countsNow() : undefined;
  const cpuBefore = cpuSeconds(services);
  const imported = await importEndToEnd({ url, api, modelId, file });
  // the import's CPU per row: its two services exactly; the stack's processes with whatever else ran meanwhile
  imported.cpuMsPerRow = cpuMsPerRow(cpuBefore, cpuSeconds(services), imported.rowsVisible);
  if (before) imported.databaseCommands = commandsPerRow(before, await countsNow(), imported.rowsVisible);
  return { ...build, url, api, token, modelId, imported };
}

function readCounts(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}

/** The commands and documents of the import phase, per row visible, by service then command and collection. */
function commandsPerRow(before, after, rows) {
  const perRow = (value) => round(value / Math.max(1, rows), 3);
  const total = { commands: 0, documentsWritten: 0, bytesSent: 0 };
  const result = {};
  for (const service of Object.keys(after)) {
    const byCommand = {};
    for (const [key, { commands, documents, bytes = 0 }] of Object.entries(after[service])) {
      const earlier = before[service][key] ?? { commands: 0, documents: 0, bytes: 0 };
      const [made, docs, sent] = [
        commands - earlier.commands,
        documents - earlier.documents,
        bytes - (earlier.bytes ?? 0),
      ];
      if (made === 0) continue;
      byCommand[key] = {
        commands: perRow(made),
        ...(docs > 0 && { documents: perRow(docs) }),
        bytes: Math.round(sent / Math.max(1, rows)),
      };
      total.commands += made;
      total.bytesSent += sent;
      if (/^(insert|update) /.test(key)) total.documentsWritten += docs;
    }
    result[service] = byCommand;
  }
  result.perRow = {
    commands: perRow(total.commands),
    documentsWritten: perRow(total.documentsWritten),
    bytesSent: Math.round(total.bytesSent / Math.max(1, rows)),
  };
  return result;
}

/** Upload to the last row visible through assets' API (its list's total), within MAX_SECONDS. */
async function importEndToEnd({ url, api, modelId, file }) {
  const visible = async () =>
    (await (await api('GET', `${url('assets')}/api/computers?entityId=root&limit=1`)).json()).total;
  const before = await visible();
  const form = new FormData();
  form.append('modelId', modelId);
  form.append('file', new Blob([file]), 'parc.csv');
  const started = Date.now();
  const upload = await api('POST', `${url('imports')}/api/import-runs`, form);
  if (upload.status !== 202) throw new Error(`upload refused (${upload.status}): ${await upload.text()}`);
  const { runId } = await upload.json();
  const uploadSeconds = (Date.now() - started) / 1000;
  const ended = async () =>
    ['finished', 'failed', 'cancelled'].includes(
      (await (await api('GET', `${url('imports')}/api/import-runs/${runId}`)).json()).status,
    );
  let rows = 0;
  // rows visible every TIMELINE_SECONDS: whether the rate holds as the run and its collections grow
  const timeline = [];
  // until every row shows, the time is up, or the run ended with rows that will never show (refused)
  for (let last = -1; rows < ROWS && Date.now() - started < MAX_SECONDS * 1000; ) {
    await sleep(1000);
    [last, rows] = [rows, (await visible()) - before];
    const at = Math.floor((Date.now() - started) / 1000 / TIMELINE_SECONDS) * TIMELINE_SECONDS;
    if (at > (timeline.at(-1)?.[0] ?? 0)) timeline.push([at, rows]);
    if (rows === last && (await ended())) break;
  }
  const seconds = (Date.now() - started) / 1000;
  const report = await (await api('GET', `${url('imports')}/api/import-runs/${runId}`)).json();
  // out of time: the run is cancelled, so that the importer's worker takes the memory part's run
  if (!(await ended())) await api('POST', `${url('imports')}/api/import-runs/${runId}/cancel`, {});
  return {
    complete: rows >= ROWS,
    rowsVisible: rows,
    seconds: round(seconds, 1),
    uploadSeconds: round(uploadSeconds, 2),
    rowsPerSecond: round(rows / seconds, 1),
    /** [seconds since the upload, rows visible], every TIMELINE_SECONDS */
    timeline,
    // lines assets answered (created) by then: the list shows them once its read model has caught up
    run: {
      status: report.status,
      counts: report.counts,
      linesAnswered: report.progress?.linesDone,
      linesAnsweredPerSecond: report.progress?.linesPerSecond,
    },
  };
}

/** The same file read with csv-parse and written with insertMany (1,000 a call) into one collection. */
async function csvParseInsertMany(db, file) {
  const collection = db.collection('computers');
  const started = Date.now();
  let batch = [];
  let rows = 0;
  for await (const record of Readable.from([file]).pipe(parse({ delimiter: ';', columns: true }))) {
    batch.push(record);
    if (batch.length === 1000) {
      await collection.insertMany(batch);
      rows += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) await collection.insertMany(batch);
  rows += batch.length;
  const seconds = (Date.now() - started) / 1000;
  return { rows, seconds: round(seconds, 1), rowsPerSecond: round(rows / seconds, 1) };
}

/**
 * A BIG_MB file generated on the fly streams up (never held by this process either) as a dry run;
 * the importer's resident memory is sampled during the upload and PARSE_SECONDS of parsing.
 */
async function memoryWhileParsing({ url, token, api, modelId, pid }) {
  const rssMb = () => residentKb(pid) / 1024;
  const samples = { before: rssMb(), upload: 0, parsing: 0 };
  const sampler = setInterval(() => (samples[samples.phase] = Math.max(samples[samples.phase] ?? 0, rssMb())), 250);
  samples.phase = 'upload';
  try {
    const boundary = `bench${Date.now()}`;
    const upload = await fetch(`${url('imports')}/api/import-runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: Readable.toWeb(Readable.from(multipart(boundary, modelId, BIG_MB * 2 ** 20))),
      duplex: 'half',
    });
    if (upload.status !== 202) throw new Error(`big upload refused (${upload.status}): ${await upload.text()}`);
    const { runId } = await upload.json();
    samples.phase = 'parsing';
    await sleep(PARSE_SECONDS * 1000);
    const report = await (await api('GET', `${url('imports')}/api/import-runs/${runId}`)).json();
    await api('POST', `${url('imports')}/api/import-runs/${runId}/cancel`, {});
    const peak = Math.max(samples.upload, samples.parsing);
    return {
      fileMb: BIG_MB,
      rssBeforeMb: round(samples.before, 1),
      peakUploadMb: round(samples.upload, 1),
      peakParsingMb: round(samples.parsing, 1),
      growthMb: round(peak - samples.before, 1),
      linesParsedInSample: report.checkpoint - 1,
      parseSeconds: PARSE_SECONDS,
    };
  } finally {
    clearInterval(sampler);
  }
}

/** modelId, dryRun, then the file part: rows generated until `bytes`, in 1 MiB chunks. */
async function* multipart(boundary, modelId, bytes) {
  const field = (name, value) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  yield Buffer.from(
    field('modelId', modelId) +
      field('dryRun', 'true') +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="grand.csv"\r\n` +
      'Content-Type: text/csv\r\n\r\n' +
      HEADER,
  );
  let sent = 0;
  for (let i = 0; sent < bytes; ) {
    let chunk = '';
    while (chunk.length < 2 ** 20) chunk += row(i++);
    // bytes, not characters: the accents of a few values made a file of 1020 "MB" pass 1 GiB
    const bytes = Buffer.from(chunk);
    sent += bytes.length;
    yield bytes;
  }
  yield Buffer.from(`\r\n--${boundary}--\r\n`);
}

function apiOf(token) {
  return (method, address, body) =>
    fetch(address, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body && !(body instanceof FormData) && { 'content-type': 'application/json' }),
      },
      body: body instanceof FormData ? body : body && JSON.stringify(body),
    });
}

async function until(check, what, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(500);
  }
}
