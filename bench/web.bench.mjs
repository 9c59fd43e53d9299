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
import { benchServiceEnv, rsaKeys, stopService, untilIndexReady } from './bench-service.mjs';
import { distribution, round } from './stats.mjs';
import { armPaintTimer, paintTimes } from './web-page-timings.mjs';
import { fill, untilListening } from './tickets.bench.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SIZE = Number(process.env.BENCH_WEB_TICKETS ?? 100_000);
const FILTER_CHANGES = Number(process.env.BENCH_WEB_FILTERS ?? 31);
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

/**
 * The criteria changes the bench makes: one select at a time, each giving criteria not asked
 * before (the page's cache cannot answer, the list is fetched) and another first row (the bench's
 * tickets cycle through 6 statuses and 5 priorities, newest first).
 */
function freshChanges() {
  const steps = [];
  let priority;
  for (const status of ['new', 'assigned', 'planned', 'pending', 'solved', 'closed']) {
    steps.push({ label: 'Statut', value: status, query: { status, priority } });
    for (const next of [1, 2, 3, 4, 5].filter((p) => p !== priority)) {
      priority = next;
      steps.push({ label: 'Priorité', value: String(next), query: { status, priority } });
    }
  }
  return steps.slice(0, FILTER_CHANGES);
}

/** the list's query as the page sends it */
const listPath = (query) =>
  `/tickets?${new URLSearchParams({ ...query, sort: 'openedAt', order: 'desc', limit: '20' })}`;

/** One action in the page, timed there (see web-page-timings.mjs) and as Playwright's wait sees it. */
async function timedInPage(page, startEvent, expect, act, shown) {
  await page.evaluate(armPaintTimer, { startEvent, expect });
  const started = performance.now();
  await act();
  await shown();
  const polledMs = performance.now() - started;
  return { ...(await page.evaluate(paintTimes)), polledMs };
}

/**
 * The API's own time for the page's query, from this process: directly and through the gateway
 * (both after the page asked it: the service has its tickets' documents in its cache), and cold:
 * the same criteria's second page, whose documents nobody read yet.
 */
async function apiTimes(query, token) {
  const timed = async (base, path) => {
    const started = performance.now();
    const answer = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    await answer.json();
    return performance.now() - started;
  };
  return {
    direct: await timed(`${url('tickets')}/api`, listPath(query)),
    gateway: await timed(`${url('gateway')}/api/tickets`, listPath(query)),
    cold: await timed(`${url('tickets')}/api`, listPath({ ...query, page: '2' })),
  };
}

/** The sign-in's API floor: identity's login, then /me and the list side by side. */
async function signInOnTheApi() {
  const started = performance.now();
  const login = await fetch(`${url('identity')}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'tech', password: 'tech' }),
  });
  const { accessToken } = await login.json();
  const loginMs = performance.now() - started;
  const headers = { authorization: `Bearer ${accessToken}` };
  await Promise.all([
    fetch(`${url('identity')}/api/me`, { headers }).then((answer) => answer.json()),
    fetch(`${url('tickets')}/api${listPath({ status: 'notold' })}`, { headers }).then((answer) => answer.json()),
  ]);
  return { loginMs, totalMs: performance.now() - started };
}

const summary = (samples, pick) => distribution(samples.map(pick));
const callOf = (timing, path) => timing.calls.find((call) => call.path.startsWith(path));

/** The filter changes' figures: the page's, where its time went, and the API's for the same query. */
function filterFigures(samples) {
  const list = (sample) => callOf(sample, '/api/tickets/tickets') ?? { startMs: 0, endMs: 0 };
  return {
    filterChangeMs: summary(samples, (sample) => sample.totalMs),
    asPlaywrightPollsMs: summary(samples, (sample) => sample.polledMs),
    breakdownMs: {
      untilTheListIsAsked: summary(samples, (sample) => list(sample).startMs),
      theListCall: summary(samples, (sample) => list(sample).endMs - list(sample).startMs),
      answerToPaint: summary(samples, (sample) => sample.totalMs - list(sample).endMs),
    },
    sameQueryOnTheApiMs: summary(samples, (sample) => sample.api.direct),
    sameQueryThroughTheGatewayMs: summary(samples, (sample) => sample.api.gateway),
    coldQueryOnTheApiMs: summary(samples, (sample) => sample.api.cold),
  };
}

/** Signs in as tech on the list page, then changes the criteria, timing each step. */
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
    const signIn = await timedInPage(
      page,
      'click',
      { totalMatches: 'sur [1-9]' },
      () => page.getByRole('button', { name: 'Se connecter' }).click(),
      () =>
        page
          .getByTestId('list-total')
          .filter({ hasText: /sur [1-9]/ })
          .waitFor({ timeout: 60_000 }),
    );
    const signInApi = await signInOnTheApi();
    const token = await page.evaluate(async () => {
      const answer = await fetch('/api/identity/auth/refresh', { method: 'POST', headers: { 'x-itsm-csrf': '1' } });
      return (await answer.json()).accessToken;
    });
    const samples = [];
    for (const step of freshChanges()) {
      const firstRow = page.locator('table.list tbody tr').first();
      const before = String(await firstRow.textContent());
      const timing = await timedInPage(
        page,
        'change',
        { firstRowChangedFrom: before },
        () => page.getByLabel(step.label, { exact: true }).selectOption(step.value),
        () => firstRow.filter({ hasNotText: before }).waitFor(),
      );
      const query = Object.fromEntries(Object.entries(step.query).filter(([, value]) => value !== undefined));
      samples.push({ ...timing, api: await apiTimes(query, token) });
    }
    const calls = (path) => {
      const call = callOf(signIn, path);
      return call ? { startMs: round(call.startMs), endMs: round(call.endMs) } : null;
    };
    return {
      listInteractiveAfterSignInMs: round(signIn.totalMs),
      signInAsPlaywrightPollsMs: round(signIn.polledMs),
      signInCalls: {
        login: calls('/api/identity/auth/login'),
        me: calls('/api/identity/me'),
        list: calls('/api/tickets/tickets'),
      },
      signInOnTheApiMs: { login: round(signInApi.loginMs), withMeAndList: round(signInApi.totalMs) },
      ...filterFigures(samples),
    };
  } finally {
    await browser.close();
  }
}
