// The web bench's scenario in Debian's Chromium: tech signs in on the ticket list, then changes its
// criteria one select at a time; each step is timed in the page (web-page-timings.mjs), split into
// the page's own time and its API call's, next to the API's own time for the same query.
import { chromium } from 'playwright-core';
import { ensureChromium } from '../infra/local/chromium.mjs';
import { distribution, round } from './stats.mjs';
import { armPaintTimer, paintTimes } from './web-page-timings.mjs';

const TRACE = process.env.BENCH_WEB_TRACE;

/**
 * The criteria changes: one select at a time, each giving criteria not asked before (the page's
 * cache cannot answer, the list is fetched) and another first row (the bench's tickets cycle
 * through 6 statuses and 5 priorities; the first status differs from the first ticket's either way).
 */
function freshChanges(count) {
  const steps = [];
  let priority;
  for (const status of ['assigned', 'new', 'planned', 'pending', 'solved', 'closed']) {
    steps.push({ label: 'Statut', value: status, query: { status, priority } });
    for (const next of [1, 2, 3, 4, 5].filter((p) => p !== priority)) {
      priority = next;
      steps.push({ label: 'Priorité', value: String(next), query: { status, priority } });
    }
  }
  return steps.slice(0, count);
}

/** the list's query as the page sends it (no undefined criterion) */
const listPath = (query, order) => {
  const defined = Object.entries(query).filter(([, value]) => value !== undefined);
  return `/tickets?${new URLSearchParams([...defined, ['sort', 'openedAt'], ['order', order], ['limit', '20']])}`;
};

/** One action in the page, timed there and as Playwright's wait sees it. */
async function timedInPage(page, startEvent, expect, act, shown) {
  await page.evaluate(armPaintTimer, { startEvent, expect });
  const started = performance.now();
  await act();
  await shown();
  const polledMs = performance.now() - started;
  return { ...(await page.evaluate(paintTimes)), polledMs };
}

const timedGet = async (address, token) => {
  const started = performance.now();
  const answer = await fetch(address, { headers: { authorization: `Bearer ${token}` } });
  await answer.json();
  return performance.now() - started;
};

/**
 * The API's own time for the page's query, from this process: directly and through the gateway
 * (both after the page asked it: the service has its tickets' documents in its cache), and cold:
 * the same criteria's second page, whose documents nobody read yet.
 */
async function apiTimes(urls, path, token) {
  return {
    direct: await timedGet(`${urls.tickets}/api${path}`, token),
    gateway: await timedGet(`${urls.gateway}/api/tickets${path}`, token),
    cold: await timedGet(`${urls.tickets}/api${path.replace('limit=20', 'limit=20&page=2')}`, token),
  };
}

/** The sign-in's API floor: identity's login, then /me and the list side by side. */
async function signInOnTheApi(urls, listAddress) {
  const started = performance.now();
  const login = await fetch(`${urls.identity}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'tech', password: 'tech' }),
  });
  const { accessToken } = await login.json();
  const loginMs = performance.now() - started;
  await Promise.all([timedGet(`${urls.identity}/api/me`, accessToken), timedGet(listAddress, accessToken)]);
  return { loginMs: round(loginMs), withMeAndListMs: round(performance.now() - started) };
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
      inThePage: summary(samples, (sample) => sample.totalMs - (list(sample).endMs - list(sample).startMs)),
    },
    sameQueryOnTheApiMs: summary(samples, (sample) => sample.api.direct),
    sameQueryThroughTheGatewayMs: summary(samples, (sample) => sample.api.gateway),
    coldQueryOnTheApiMs: summary(samples, (sample) => sample.api.cold),
  };
}

/** Where the sign-in's time went: each call's start and end after the click. */
function signInCalls(timing) {
  const call = (path) => {
    const found = callOf(timing, path);
    return found ? { startMs: round(found.startMs), endMs: round(found.endMs) } : null;
  };
  return { login: call('/api/identity/auth/login'), me: call('/api/identity/me'), list: call('/api/tickets/tickets') };
}

async function signIn(page, order) {
  await page.goto(`/tickets?status=notold&order=${order}`);
  await page.getByLabel('Identifiant').fill('tech');
  await page.getByLabel('Mot de passe').fill('tech');
  return timedInPage(
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
}

/**
 * Signs in as tech on the list sorted `order` (the service caches the documents it listed: a
 * second scenario in the same run sorts the other way to read cold pages too), then makes
 * `changes` criteria changes. `urls`: the gateway serving the application, identity, tickets.
 */
export async function webScenario(urls, { order, changes }) {
  const browser = await chromium.launch({
    executablePath: ensureChromium(),
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
  try {
    const page = await browser.newPage({ baseURL: urls.gateway.replace('127.0.0.1', 'localhost'), locale: 'fr-FR' });
    // BENCH_WEB_TRACE=<file>: Chromium's trace of the sign-in and the changes (chrome://tracing, Perfetto)
    if (TRACE) await browser.startTracing(page, { path: `${TRACE}.${order}.json`, screenshots: false });
    const signedIn = await signIn(page, order);
    const signInApi = await signInOnTheApi(urls, `${urls.tickets}/api${listPath({ status: 'notold' }, order)}`);
    const token = await page.evaluate(async () => {
      const answer = await fetch('/api/identity/auth/refresh', { method: 'POST', headers: { 'x-itsm-csrf': '1' } });
      return (await answer.json()).accessToken;
    });
    const samples = [];
    for (const step of freshChanges(changes)) {
      const firstRow = page.locator('table.list tbody tr').first();
      const before = String(await firstRow.textContent());
      const timing = await timedInPage(
        page,
        'change',
        { firstRowChangedFrom: before },
        () => page.getByLabel(step.label, { exact: true }).selectOption(step.value),
        () => firstRow.filter({ hasNotText: before }).waitFor(),
      );
      samples.push({ ...timing, api: await apiTimes(urls, listPath(step.query, order), token) });
    }
    if (TRACE) await browser.stopTracing();
    return {
      order,
      listInteractiveAfterSignInMs: round(signedIn.totalMs),
      signInAsPlaywrightPollsMs: round(signedIn.polledMs),
      signInCalls: signInCalls(signedIn),
      signInOnTheApiMs: signInApi,
      ...filterFigures(samples),
    };
  } finally {
    await browser.close();
  }
}
