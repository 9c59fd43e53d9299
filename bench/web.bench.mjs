// The web application over a large ticket list (issue 16, part 5): the initial JavaScript's
// compressed size, and in Debian's Chromium through the gateway, the ticket list over
// BENCH_WEB_TICKETS tickets interactive after signing in and the time of a filter change, next to
// the tickets API's own time for the same queries, measured in the same run.
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { chromium } from 'playwright-core';
import { ensureChromium } from '../infra/local/chromium.mjs';
import { initialJavaScriptGzipBytes } from '../infra/web/initial-javascript.mjs';
import { benchServiceEnv, rsaKeys, stopService } from './bench-service.mjs';
import { distribution, round } from './stats.mjs';
import { fill, untilListening, untilLogged } from './tickets.bench.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SIZE = Number(process.env.BENCH_WEB_TICKETS ?? 100_000);
const FILTER_CHANGES = Number(process.env.BENCH_WEB_FILTERS ?? 20);
const PORTS = { gateway: 3920, identity: 3921, tickets: 3922 };
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
  const start = (name, extra = {}, stdio = 'ignore') => {
    const child = spawn(process.execPath, [path.join(here, `../apps/${name}/dist/main.js`)], {
      env: { ...envOf(name), ...extra },
      stdio: ['ignore', stdio, 'ignore'],
    });
    processes.push(child);
    return child;
  };
  try {
    start('identity');
    await untilListening(url('identity'));
    execFileSync(process.execPath, [path.join(here, '../apps/identity/dist/seed.js')], { env: envOf('identity') });
    await fill(mongo.db(envOf('tickets').MONGO_DB), SIZE, ['root']);
    const tickets = start('tickets', { LOG_LEVEL: 'info' }, 'pipe');
    await untilLogged(tickets, 'ticket list index ready', 600_000);
    await untilListening(url('tickets'));
    start('gateway', { ITSM_IDENTITY_URL: url('identity'), ITSM_TICKETS_URL: url('tickets'), LOG_LEVEL: 'warn' });
    await untilListening(url('gateway'));
    return { initialJavaScriptGzipBytes: initialJavaScriptGzipBytes(), tickets: SIZE, ...(await inTheBrowser()) };
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

/** Signs in as tech on the list page, then changes the priority criterion, timing each step. */
async function inTheBrowser() {
  const browser = await chromium.launch({
    executablePath: ensureChromium(),
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
  try {
    const page = await browser.newPage({ baseURL: `http://localhost:${PORTS.gateway}`, locale: 'fr-FR' });
    await page.goto('/tickets?status=notold');
    await page.getByLabel('Identifiant').fill('tech');
    await page.getByLabel('Mot de passe').fill('tech');
    const signedIn = performance.now();
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page
      .getByTestId('list-total')
      .filter({ hasText: /sur [1-9]/ })
      .waitFor({ timeout: 60_000 });
    const listInteractiveAfterSignInMs = round(performance.now() - signedIn);
    const token = await page.evaluate(async () => {
      const answer = await fetch('/api/identity/auth/refresh', { method: 'POST', headers: { 'x-itsm-csrf': '1' } });
      return (await answer.json()).accessToken;
    });
    const filterChangeMs = [];
    const apiMs = [];
    for (let change = 0; change < FILTER_CHANGES; change++) {
      const priority = 1 + (change % 5);
      // the first row changes with the criterion (the totals may not: priorities are spread evenly)
      const firstRow = page.locator('table.list tbody tr').first();
      const before = String(await firstRow.textContent());
      const started = performance.now();
      await page.getByLabel('Priorité', { exact: true }).selectOption(String(priority));
      await firstRow.filter({ hasNotText: before }).waitFor();
      filterChangeMs.push(performance.now() - started);
      const apiStarted = performance.now();
      const answer = await fetch(
        `${url('tickets')}/api/tickets?status=notold&priority=${priority}&sort=openedAt&order=desc&limit=20`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      await answer.json();
      apiMs.push(performance.now() - apiStarted);
    }
    return {
      listInteractiveAfterSignInMs,
      filterChangeMs: distribution(filterChangeMs),
      sameQueryOnTheApiMs: distribution(apiMs),
    };
  } finally {
    await browser.close();
  }
}
