import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { jsonApi, type ApiAnswer } from '@itsm/runtime';
import { useIsolatedStack } from '@itsm/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumFor, screenshot, seriousAccessibilityViolations, signedInPage } from './browser';
import { committedDocument, committedDocumentPath, servedDocument } from './openapi-documents';
import { startWebPlatform, WEB_SERVICES, type WebPlatform } from './web-platform';

// The web application through the gateway, in Debian's Chromium, against the built services on
// the file's slice: one platform and one browser for every test of the file.
const stack = useIsolatedStack();
// a browser step on a loaded 2-core machine (argon2 at sign-in, Chromium's rendering) can take
// tens of seconds: the steps wait up to a minute, a test up to five
jest.setTimeout(300_000);
let platform: WebPlatform;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function signedIn(login: string): Promise<Page> {
  const page = await signedInPage(browser, platform.url, login);
  contexts.push(page.context());
  return page;
}

/** Every screen passes axe-core without a serious or critical violation. */
async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

const TICKET_PAGE = /\/tickets\/[0-9a-f-]{36}$/;

/** Submits "Créer un ticket": tickets learns new users from identity's events, the first tries may come too early. */
async function submitUntilCreated(page: Page) {
  const submit = page.getByRole('button', { name: 'Créer un ticket' });
  for (let attempt = 0; !TICKET_PAGE.test(page.url()); attempt++) {
    if (attempt === 20)
      throw new Error(`the ticket was never created: ${await page.getByRole('alert').allTextContents()}`);
    // the page may be leaving for the ticket already: click only while the form is there
    if (await submit.count()) await submit.click();
    await page.waitForURL(TICKET_PAGE, { timeout: 5000 }).catch(() => undefined);
  }
}

async function untilStatus(page: Page, status: string) {
  await page
    .getByTestId('ticket-status')
    .filter({ hasText: new RegExp(`^${status.replace(/[()]/g, '\\$&')}$`) })
    .waitFor();
}

/** The services learn users from identity's events: a 422 until they have heard of glpi. */
async function untilKnown(call: () => Promise<ApiAnswer>): Promise<ApiAnswer['body']> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { status, body } = await call();
    if (status === 200 || status === 201) return body;
    if (status !== 422 || Date.now() > deadline) throw new Error(`${status} ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  // the browser starts while the services do
  [browser, platform] = await Promise.all([chromiumFor(stack), startWebPlatform(stack)]);
  const glpi = (await (
    await fetch(`${platform.services.identity.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'glpi', password: 'glpi' }),
    })
  ).json()) as { accessToken: string };
  // the seed's categories and agreements (TTO 1 h, TTR 8 h on hardware failures), as glpi
  const asGlpi = (url: string) => jsonApi(url, glpi.accessToken);
  const categories = new Map<string, string>();
  for (const name of ['Panne logiciel', 'Panne matérielle', 'Panne réseau']) {
    const created = await untilKnown(() =>
      asGlpi(platform.services.tickets.url).post('/api/itil-categories', { name }),
    );
    categories.set(name, created.categoryId);
  }
  const agreement = (name: string, kind: 'tto' | 'ttr', hours: number) => () =>
    asGlpi(platform.services.sla.url).post('/api/slas', {
      name,
      agreement: 'sla',
      kind,
      duration: hours,
      unit: 'hours',
    });
  const tto = await untilKnown(agreement('TTO 1 h', 'tto', 1));
  const ttr = await untilKnown(agreement('TTR 8 h', 'ttr', 8));
  await untilKnown(() =>
    asGlpi(platform.services.sla.url).post('/api/sla-rules', {
      name: 'Panne matérielle',
      criteria: { categoryIds: [categories.get('Panne matérielle')] },
      slaIds: [tto.slaId, ttr.slaId],
    }),
  );
}, 240_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
});

describe('the OpenAPI documents the web client is generated from', () => {
  // UPDATE_OPENAPI=1 (`npm run openapi`) rewrites them and the client's types instead
  const update = process.env.UPDATE_OPENAPI === '1';

  it.each(WEB_SERVICES)('are what %s serves', async (service) => {
    const served = await servedDocument(platform.services[service].url);
    if (update) fs.writeFileSync(committedDocumentPath(service), served);
    expect(committedDocument(service)).toBe(served);
  });

  afterAll(() => {
    if (update) execFileSync(process.execPath, [path.resolve(__dirname, '../../infra/web/api-types.mjs')]);
  });
});

describe("the seed's printer story through the screens, as M. Blier and tech", () => {
  let blier: Page;
  let tech: Page;
  let ticketUrl: string;

  it('M. Blier creates his ticket from the simplified interface', async () => {
    blier = await signedIn('S1');
    await expectAccessible(blier);
    await screenshot(blier, 'self-service-home');
    await blier.getByRole('link', { name: 'Créer un ticket' }).click();
    await blier.getByLabel('Type').selectOption({ label: 'Incident' });
    await blier.getByLabel('Catégorie').selectOption({ label: 'Panne matérielle' });
    await blier.getByLabel('Urgence').selectOption({ label: 'Basse' });
    await blier.getByLabel('Titre').fill("Problème d'impression");
    await blier
      .getByLabel('Description')
      .fill('Problème au moment de l’impression de documents, les lignes sont décalées.');
    await expectAccessible(blier);
    await screenshot(blier, 'create-ticket');
    await submitUntilCreated(blier);
    ticketUrl = new URL(blier.url()).pathname;
    await untilStatus(blier, 'Nouveau');
    await expectAccessible(blier);
  });

  it('tech finds it among the new tickets, takes it, works on it and puts it pending', async () => {
    tech = await signedIn('tech');
    const newTickets = tech.getByRole('region', { name: /Nouveaux tickets/ });
    await newTickets.getByRole('link', { name: "Problème d'impression" }).waitFor();
    await expectAccessible(tech);
    await screenshot(tech, 'technician-home');
    await newTickets.getByRole('link', { name: "Problème d'impression" }).click();
    await untilStatus(tech, 'Nouveau');
    await expectAccessible(tech);
    await tech.getByRole('button', { name: "M'attribuer" }).click();
    await untilStatus(tech, 'En cours (Attribué)');
    expect(await tech.getByTestId('ticket-assignees').textContent()).toBe('tech');

    // the priority follows urgency x impact as the form changes (GLPI's matrix, from @itsm/domain)
    await tech.getByLabel('Impact').selectOption({ label: 'Très haut' });
    expect(await tech.getByTestId('computed-priority').textContent()).toBe('Priorité calculée : Moyenne');
    await tech.getByLabel('Impact').selectOption({ label: 'Bas' });
    expect(await tech.getByTestId('computed-priority').textContent()).toBe('Priorité calculée : Basse');

    const task = tech.getByRole('form', { name: 'Ajouter une tâche' });
    await task
      .getByLabel('Contenu')
      .fill("Prise en main à distance afin d'accéder à la configuration de l'imprimante.");
    await task.getByLabel('Durée (minutes)').fill('30');
    await task.getByRole('button', { name: 'Ajouter une tâche' }).click();
    await tech.getByRole('list', { name: 'Historique des actions' }).getByText('30 min').waitFor();

    // "Demande de validation => normal": the approver answers from the ticket's timeline
    const validation = tech.getByRole('form', { name: 'Demander une validation' });
    await validation.getByLabel('Approbateur').selectOption({ label: 'normal' });
    await validation.getByLabel('Commentaire').fill('Le problème a été résolu grâce à un réalignement des têtes.');
    await validation.getByRole('button', { name: 'Demander une validation' }).click();
    const normal = await signedIn('normal');
    await normal.goto(new URL(tech.url()).pathname);
    await normal.getByRole('button', { name: 'Accepter' }).click();
    await normal.getByText('Validation acceptée').waitFor();
    await expectAccessible(normal);
    await tech.reload();
    await tech.getByRole('list', { name: 'Historique des actions' }).getByText('Validation acceptée').waitFor();

    const offered = async () =>
      (await tech.getByRole('region', { name: 'Changer le statut' }).getByRole('button').allTextContents()).sort();
    expect(await offered()).toEqual(['Clore', 'Mettre en attente']);
    await tech.getByRole('button', { name: 'Mettre en attente' }).click();
    await untilStatus(tech, 'En attente');
    expect(await offered()).toEqual(['Clore', 'Reprendre']);
    // sla attaches the agreements once it hears of the ticket: the TTO met when tech took it, the TTR paused
    const badges = async () =>
      (await tech.getByText(/^TTR .* En pause$/).count()) + (await tech.getByText(/^TTO .* Respecté$/).count());
    for (let attempt = 0; (await badges()) < 2; attempt++) {
      if (attempt === 90) throw new Error(`the TTO/TTR badges: ${await tech.locator('.badges').textContent()}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await tech.reload();
      await untilStatus(tech, 'En attente');
    }
    await expectAccessible(tech);
    await screenshot(tech, 'technician-ticket');
  });

  it('tech proposes a solution, M. Blier refuses it, tech proposes a second one, M. Blier approves it', async () => {
    const solve = async (content: string) => {
      const form = tech.getByRole('form', { name: 'Ajouter une solution' });
      await form.getByLabel('Solution').fill(content);
      await form.getByRole('button', { name: 'Ajouter une solution' }).click();
      await untilStatus(tech, 'Résolu');
    };
    await solve('Le problème a été résolu grâce à un réalignement des têtes.');

    await blier.goto(ticketUrl);
    await untilStatus(blier, 'Résolu');
    await expectAccessible(blier);
    const refusal = blier.getByRole('form', { name: 'Refuser la solution' });
    await refusal.getByLabel('Commentaire').fill('Les lignes sont toujours décalées.');
    await refusal.getByRole('button', { name: 'Refuser la solution' }).click();
    await untilStatus(blier, 'En cours (Attribué)');

    await tech.reload();
    await untilStatus(tech, 'En cours (Attribué)');
    await solve('Réalignement des têtes, nettoyage, test d’impression concluant.');

    await blier.reload();
    await untilStatus(blier, 'Résolu');
    await blier.getByRole('button', { name: 'Approuver la solution' }).click();
    await untilStatus(blier, 'Clos');
    const timeline = blier.getByRole('list', { name: 'Historique des actions' });
    expect(await timeline.getByText('Solution refusée').count()).toBe(1);
    expect(await timeline.getByText('Solution approuvée').count()).toBe(1);
  });

  it('M. Blier answers the satisfaction survey from his home', async () => {
    await blier.goto('/');
    const surveys = blier.getByRole('region', { name: 'Enquêtes de satisfaction à remplir' });
    await surveys.getByRole('link', { name: "Problème d'impression" }).click();
    const survey = blier.getByRole('form', { name: 'Répondre à l’enquête' });
    await survey.getByLabel('Note (0 à 5)').fill('5');
    await survey.getByLabel('Commentaire').fill('Rapide, merci.');
    await survey.getByRole('button', { name: 'Répondre à l’enquête' }).click();
    await blier.getByRole('status').filter({ hasText: 'Merci pour votre réponse (Satisfaction : 5/5)' }).waitFor();
  });

  it("the technician list finds it with the seed's criteria, sorted, with its total", async () => {
    await tech.getByRole('link', { name: 'Tickets', exact: true }).click();
    await tech.getByLabel('Statut', { exact: true }).selectOption({ label: 'Non clos' });
    await tech.getByTestId('list-total').filter({ hasText: 'De 0 à 0 sur 0' }).waitFor();
    await tech.getByLabel('Statut', { exact: true }).selectOption({ label: 'Clos' });
    await tech.getByLabel('Catégorie').selectOption({ label: 'Panne matérielle' });
    await tech.getByTestId('list-total').filter({ hasText: 'De 1 à 1 sur 1' }).waitFor();
    await tech.getByRole('button', { name: 'Trier par Priorité' }).click();
    expect(await tech.getByRole('columnheader', { name: 'Trier par Priorité' }).getAttribute('aria-sort')).toBe(
      'descending',
    );
    await expectAccessible(tech);
    await screenshot(tech, 'ticket-list');
  });
});

describe('a self-service user', () => {
  let postOnly: Page;

  it('sees no technician screen and cannot reach one', async () => {
    postOnly = await signedIn('post-only');
    expect(await postOnly.getByRole('link', { name: 'Tickets', exact: true }).count()).toBe(0);
    await postOnly.goto('/tickets');
    await postOnly.getByRole('heading', { name: "Vous n'avez pas accès à cette page" }).waitFor();
  });

  it("neither sees nor opens M. Blier's ticket", async () => {
    await postOnly.goto('/');
    await postOnly.getByRole('heading', { name: 'Mes tickets en cours' }).waitFor();
    expect(await postOnly.getByText("Problème d'impression").count()).toBe(0);
    const tech = contexts[1].pages()[0];
    await tech.goto('/tickets?status=all');
    const blierTicket = await tech.getByRole('link', { name: "Problème d'impression" }).getAttribute('href');
    await postOnly.goto(String(blierTicket));
    await postOnly.getByRole('heading', { name: 'Page introuvable' }).waitFor();
  });

  it('sees what it typed as text, never as markup', async () => {
    await postOnly.getByRole('link', { name: 'Créer un ticket' }).click();
    const markup = '<img src=x onerror="document.title=1">Clavier';
    await postOnly.getByLabel('Titre').fill(markup);
    await postOnly.getByLabel('Description').fill('<script>alert(1)</script>');
    await submitUntilCreated(postOnly);
    await postOnly.getByRole('heading', { name: markup }).waitFor();
    expect(await postOnly.locator('main img').count()).toBe(0);
    expect(await postOnly.title()).toBe('ITSM');
  });
});

describe('the session and the headers', () => {
  it('keeps the refresh token out of scripts and survives a reload', async () => {
    const page = contexts[0].pages()[0];
    expect(await page.evaluate('document.cookie')).not.toContain('itsm_refresh');
    const [cookie] = await contexts[0].cookies(`${platform.url}/api/identity/auth/refresh`);
    expect(cookie).toMatchObject({ name: 'itsm_refresh', httpOnly: true, secure: true, sameSite: 'Strict' });
    await page.reload();
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
  });

  it('refuses a refresh without the CSRF header, and serves a CSP without inline scripts nor framing', async () => {
    const refreshUrl = `${platform.url}/api/identity/auth/refresh`;
    expect((await fetch(refreshUrl, { method: 'POST' })).status).toBe(403);
    const crossOrigin = await fetch(refreshUrl, {
      method: 'POST',
      headers: { 'x-itsm-csrf': '1', origin: 'https://elsewhere.example' },
    });
    expect(crossOrigin.status).toBe(403);
    expect((await fetch(refreshUrl, { method: 'POST', headers: { 'x-itsm-csrf': '1' } })).status).toBe(401);
    expect((await fetch(`${platform.url}/api/nowhere/things`)).status).toBe(404);
    const away = await fetch(`${platform.url}/api/imports/models`);
    expect(away.status).toBe(503);
    expect(await away.json()).toMatchObject({ code: 'unavailable', detail: 'the imports service does not answer' });
    const home = await fetch(`${platform.url}/tickets/new`);
    expect(home.status).toBe(200);
    const csp = String(home.headers.get('content-security-policy'));
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(home.headers.get('x-frame-options')).toBe('DENY');
    // served without TLS: HSTS is for whoever terminates TLS
    expect(home.headers.get('strict-transport-security')).toBeNull();
  });
});

it('loads at most 300 KB of compressed JavaScript before the first screen', () => {
  // infra/web/initial-javascript.mjs, shared with the web bench, in a process of its own (an ES module)
  const measure = `import('./infra/web/initial-javascript.mjs').then((m) => console.log(m.initialJavaScriptGzipBytes()))`;
  const bytes = Number(execFileSync(process.execPath, ['-e', measure], { cwd: path.resolve(__dirname, '../..') }));
  expect(bytes).toBeGreaterThan(0);
  expect(bytes).toBeLessThanOrEqual(300 * 1024);
});
