// The web application over a large ticket list (issue 16, part 5): the initial JavaScript's
// compressed size, and in Debian's Chromium through the gateway, the ticket list over
// BENCH_WEB_TICKETS tickets interactive after signing in and the time of a filter change, next to
// the tickets API's own time for the same queries, measured in the same run (web-scenario.mjs).
// BENCH_WEB_BEFORE_ROOT: another build of the application (`apps/web/dist` as it was) served by a
// second gateway and measured first in the same run, under the same load: a before/after pair.
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { initialJavaScriptGzipBytes } from '../infra/web/initial-javascript.mjs';
import { benchServiceEnv, rsaKeys, stopService, untilIndexReady } from './bench-service.mjs';
import { fill, untilListening } from './tickets.bench.mjs';
import { webScenario } from './web-scenario.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SIZE = Number(process.env.BENCH_WEB_TICKETS ?? 100_000);
const SCENARIO = { order: 'desc', changes: Number(process.env.BENCH_WEB_FILTERS ?? 31) };
const BEFORE_ROOT = process.env.BENCH_WEB_BEFORE_ROOT;
const PORTS = { gateway: 3920, identity: 3921, tickets: 3922, gatewayBefore: 3923 };
const url = (name) => `http://127.0.0.1:${PORTS[name]}`;

export default async function webBench(env) {
  // bench/run.mjs builds the services; the application is Vite's
  execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: path.join(here, '..'), stdio: 'ignore' });
  const run = Date.now();
  const keys = rsaKeys();
  // identity and tickets share the run's topics (tickets learns the users from identity's events)
  const shared = benchServiceEnv(env, { name: 'web', run, port: 0, publicKey: keys.publicKey });
  const envOf = (name) => ({
    ...shared,
    PORT: String(PORTS[name]),
    MONGO_DB: `${shared.MONGO_DB}_${name}`,
    JWT_PRIVATE_KEY: keys.privateKey,
  });
  const mongo = await MongoClient.connect(env.MONGO_URL);
  const processes = [];
  const start = (name, extra = {}) => {
    const child = spawn(process.execPath, [path.join(here, `../apps/${name}/dist/main.js`)], {
      env: { ...envOf(name), ...extra },
      stdio: 'ignore',
    });
    processes.push(child);
    return child;
  };
  try {
    start('identity');
    await untilListening(url('identity'));
    execFileSync(process.execPath, [path.join(here, '../apps/identity/dist/seed.js')], { env: envOf('identity') });
    await fill(mongo.db(envOf('tickets').MONGO_DB), SIZE, ['root']);
    start('tickets');
    await untilListening(url('tickets'));
    await untilIndexReady(url('tickets'), 'ticket-list-index');
    const routes = { ITSM_IDENTITY_URL: url('identity'), ITSM_TICKETS_URL: url('tickets'), LOG_LEVEL: 'warn' };
    start('gateway', routes);
    await untilListening(url('gateway'));
    const urls = { identity: url('identity'), tickets: url('tickets') };
    const figures = { initialJavaScriptGzipBytes: initialJavaScriptGzipBytes(), tickets: SIZE };
    if (!BEFORE_ROOT) return { ...figures, ...(await webScenario({ ...urls, gateway: url('gateway') }, SCENARIO)) };
    start('gateway', { ...routes, PORT: String(PORTS.gatewayBefore), WEB_ROOT: BEFORE_ROOT });
    await untilListening(url('gatewayBefore'));
    const before = await webScenario({ ...urls, gateway: url('gatewayBefore') }, SCENARIO);
    return {
      ...figures,
      ...(await webScenario({ ...urls, gateway: url('gateway') }, { ...SCENARIO, order: 'asc' })),
      before,
    };
  } finally {
    await Promise.all(processes.map((child) => stopService(child)));
    for (const name of ['identity', 'tickets'])
      await mongo
        .db(envOf(name).MONGO_DB)
        .dropDatabase()
        .catch(() => undefined);
    await mongo.close();
  }
}
