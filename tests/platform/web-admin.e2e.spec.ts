import { AssetFixture } from '@itsm/fixtures';
import { jsonApi } from '@itsm/runtime';
import { useIsolatedStack } from '@itsm/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumFor, screenshot, seriousAccessibilityViolations } from './browser';
import { startWebPlatform, type WebPlatform } from './web-platform';

// The administration screens, the language kept by identity, the list's saved searches and the
// self-service device picker, in Debian's Chromium against the built services on the file's slice.
const stack = useIsolatedStack();
// browser steps on a loaded 2-core machine (argon2 at sign-in, rendering) take seconds each
jest.setTimeout(300_000);
let platform: WebPlatform;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function signIn(login: string, { locale = 'fr-FR', home = 'Accueil' } = {}): Promise<Page> {
  const context = await browser.newContext({ locale, baseURL: platform.url });
  contexts.push(context);
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  await page.goto('/');
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(login);
  await page.locator('button[type=submit]').click();
  await page.getByRole('heading', { name: home, level: 1 }).waitFor();
  return page;
}

async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

async function asGlpi() {
  const { accessToken } = (await (
    await fetch(`${platform.services.identity.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'glpi', password: 'glpi' }),
    })
  ).json()) as { accessToken: string };
  return accessToken;
}

beforeAll(async () => {
  // the browser starts while the services do
  [browser, platform] = await Promise.all([chromiumFor(stack), startWebPlatform(stack)]);
}, 240_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
});

describe('administration', () => {
  it('is neither shown to nor reachable by a technician', async () => {
    const tech = await signIn('tech');
    expect(await tech.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await tech.goto('/admin/groups');
    await tech.getByRole('heading', { name: "Vous n'avez pas accès à cette page" }).waitFor();
  });

  it('lets an administrator create a group and a category through the screens, every section accessible', async () => {
    const glpi = await signIn('glpi');
    await glpi.getByRole('link', { name: 'Administration' }).click();
    await glpi.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();

    await glpi.getByRole('link', { name: 'Groupes' }).click();
    const group = glpi.getByRole('form', { name: 'Ajouter un groupe' });
    await group.getByLabel('Nom').fill('Support imprimantes');
    await group.getByLabel('Peut être observateur').uncheck();
    await group.getByRole('button', { name: 'Ajouter un groupe' }).click();
    const row = glpi.getByRole('row').filter({ hasText: 'Support imprimantes' });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      'Support imprimantes',
      'Entité racine',
      'Oui',
      'Non',
      'Oui',
      '0',
    ]);
    await expectAccessible(glpi);

    await glpi.getByRole('link', { name: 'Catégories ITIL' }).click();
    const category = glpi.getByRole('form', { name: 'Ajouter une catégorie' });
    // tickets learns glpi from identity's events: the first tries may come too early
    for (let attempt = 0; (await glpi.getByRole('cell', { name: 'Panne de toner' }).count()) === 0; attempt++) {
      if (attempt === 30) throw new Error(`no category: ${await glpi.getByRole('alert').allTextContents()}`);
      await category.getByLabel('Nom').fill('Panne de toner');
      await category.getByRole('button', { name: 'Ajouter une catégorie' }).click();
      await glpi
        .getByRole('cell', { name: 'Panne de toner' })
        .waitFor({ timeout: 2000 })
        .catch(() => undefined);
    }
    await expectAccessible(glpi);

    // an administrator sets a user's language: the users list shows it
    await glpi.getByRole('link', { name: 'Utilisateurs', exact: true }).click();
    await glpi.getByRole('button', { name: 'post-only', exact: true }).click();
    await glpi.getByLabel('Langue préférée').selectOption('en');
    await glpi
      .getByRole('row')
      .filter({ hasText: 'post-only' })
      .getByRole('cell', { name: 'en', exact: true })
      .waitFor();

    for (const section of ['Entités', 'Utilisateurs', 'Niveaux de services', 'Inventaire', 'Statistiques', 'Profils']) {
      await glpi.getByRole('link', { name: section, exact: true }).click();
      await glpi.getByRole('heading', { name: section, level: 1 }).waitFor();
      await expectAccessible(glpi);
    }
    // the rights grid: a row per right, a column per profile
    await glpi.getByRole('rowheader', { name: 'ticket.create' }).waitFor();
    // a box of the grid gives the right: kept by identity, shown again after a reload
    const box = glpi.getByRole('checkbox', { name: 'Hotliner : ticket.assign' });
    expect(await box.isChecked()).toBe(false);
    // the box follows identity's answer: checked once the profiles are read again
    await box.click();
    await glpi.getByRole('checkbox', { name: 'Hotliner : ticket.assign', checked: true }).waitFor();
    await glpi.reload();
    await glpi.getByRole('checkbox', { name: 'Hotliner : ticket.assign', checked: true }).waitFor();
    expect(await glpi.getByRole('checkbox', { name: 'Super-Admin : ticket.assign' }).isDisabled()).toBe(true);
    await expectAccessible(glpi);
  });
});

describe('service levels and inventory rules, as an administrator', () => {
  // one signed-in page for the describe's tests (a sign-in checks an argon2 hash)
  let glpi: Page;

  it('creates a calendar, edits its week and closing periods, then an agreement on it and a rule, and deletes them', async () => {
    glpi = await signIn('glpi');
    await glpi.goto('/admin/sla');
    const create = glpi.getByRole('form', { name: 'Ajouter un calendrier' });
    await create.getByLabel('Nom', { exact: true }).fill('Heures ouvrées <siège>');
    await create.getByRole('button', { name: 'Ajouter un calendrier' }).click();
    const card = glpi.getByRole('region', { name: 'Heures ouvrées <siège>' });
    await card.getByText('Vendredi : 08:00–17:00').waitFor();

    await card.getByRole('button', { name: 'Modifier Heures ouvrées <siège>' }).click();
    const edit = glpi.getByRole('form', { name: 'Modifier le calendrier Heures ouvrées <siège>' });
    await edit.getByRole('group', { name: 'Plage 5' }).getByLabel('Fin').fill('12:00');
    await edit.getByRole('button', { name: 'Ajouter une période de fermeture' }).click();
    const closing = edit.getByRole('group', { name: 'Fermeture 1' });
    await closing.getByLabel('Nom').fill('Noël');
    await closing.getByLabel('Début').fill('2026-12-25');
    await closing.getByLabel('Fin').fill('2026-12-25');
    await closing.getByLabel('tous les ans').check();
    await expectAccessible(glpi);
    await screenshot(glpi, 'admin-calendar');
    await edit.getByRole('button', { name: 'Modifier le calendrier Heures ouvrées <siège>' }).click();
    await card.getByText('Vendredi : 08:00–12:00').waitFor();
    await card.getByText('Noël : 2026-12-25 – 2026-12-25 (tous les ans)').waitFor();

    const agreement = glpi.getByRole('form', { name: 'Ajouter un accord' });
    await agreement.getByLabel('Nom', { exact: true }).fill('TTR incidents 8 h ouvrées');
    await agreement.getByLabel('Calendrier').selectOption({ label: 'Heures ouvrées <siège>' });
    await agreement.getByRole('button', { name: 'Ajouter un niveau' }).click();
    const level = agreement.getByRole('group', { name: "Niveau d'escalade 1" });
    await level.getByLabel('Nom').fill('Alerte 30 min');
    await level.getByLabel("Minutes par rapport à l'échéance (négatif : avant)").fill('-30');
    await level.getByLabel('Notifier les techniciens assignés').check();
    await agreement.getByRole('button', { name: 'Ajouter un accord' }).click();
    const row = glpi.getByRole('row').filter({ hasText: 'TTR incidents 8 h ouvrées' });
    await row.getByRole('cell', { name: 'Alerte 30 min (-30 min), Deadline (0 min)' }).waitFor();

    // its terms replaced: 4 hours, the alert an hour before
    await row.getByRole('button', { name: 'Modifier TTR incidents 8 h ouvrées' }).click();
    const change = glpi.getByRole('form', { name: "Modifier l'accord TTR incidents 8 h ouvrées" });
    await change.getByLabel('Durée').fill('4');
    await change
      .getByRole('group', { name: "Niveau d'escalade 1" })
      .getByLabel('Minutes', { exact: false })
      .fill('-60');
    await expectAccessible(glpi);
    await change.getByRole('button', { name: "Modifier l'accord TTR incidents 8 h ouvrées" }).click();
    await row.getByRole('cell', { name: '4 heures' }).waitFor();
    await row.getByRole('cell', { name: 'Alerte 30 min (-60 min), Deadline (0 min)' }).waitFor();

    const rule = glpi.getByRole('form', { name: 'Ajouter une règle' });
    await rule.getByLabel('Nom', { exact: true }).fill('Incidents');
    await rule.getByRole('group', { name: 'Type' }).getByLabel('Incident').check();
    await rule.getByRole('group', { name: 'Accords (SLA et OLA)' }).getByLabel('TTR incidents 8 h ouvrées').check();
    await rule.getByRole('button', { name: 'Ajouter une règle' }).click();
    const ruleRow = glpi
      .getByRole('table', { name: "Règles d'attribution des SLA" })
      .getByRole('row')
      .filter({ hasText: 'Incidents' });
    await ruleRow.getByRole('cell', { name: 'TTR incidents 8 h ouvrées' }).waitFor();
    await ruleRow.getByRole('button', { name: 'Modifier Incidents' }).click();
    const ruleChange = glpi.getByRole('form', { name: 'Modifier la règle Incidents' });
    await ruleChange.getByLabel('Rang').fill('5');
    await ruleChange.getByRole('button', { name: 'Modifier la règle Incidents' }).click();
    await ruleRow.getByRole('cell', { name: '5', exact: true }).waitFor();
    await expectAccessible(glpi);

    // both deleted, each after a confirmation; the agreement's from the keyboard (Confirmer has the focus)
    await ruleRow.getByRole('button', { name: 'Supprimer Incidents' }).click();
    await ruleRow.getByRole('button', { name: 'Confirmer' }).click();
    await ruleRow.waitFor({ state: 'detached' });
    await row.getByRole('button', { name: 'Supprimer TTR incidents 8 h ouvrées' }).click();
    await row.getByRole('group', { name: /^Supprimer l'accord TTR incidents 8 h ouvrées \?/ }).waitFor();
    await expectAccessible(glpi);
    await glpi.keyboard.press('Enter');
    await row.waitFor({ state: 'detached' });
  });

  it('adds an entity rule to the inventory rules and moves an import rule down', async () => {
    glpi ??= await signIn('glpi');
    await glpi.goto('/admin/inventory');
    const form = glpi.getByRole('form', { name: "Enregistrer les règles d'inventaire" });
    await form.getByRole('button', { name: "Ajouter une règle d'entité" }).click();
    const rule = form.getByRole('group', { name: "Règle d'entité 1" });
    await rule.getByLabel('Nom').fill('Agents du siège');
    await rule.getByLabel('Étiquette').fill('SIEGE');
    await expectAccessible(glpi);
    await form.getByRole('button', { name: "Enregistrer les règles d'inventaire" }).click();
    await glpi
      .getByRole('table', { name: /Règles d'affectation à une entité/ })
      .getByRole('cell', { name: 'SIEGE' })
      .waitFor();

    // the matching order: "Descendre" clicked, then pressed again from the keyboard (the focus follows the rule)
    const importRules = glpi.getByRole('table', { name: "Règles d'import et de liaison" });
    const ruleAt = (row: number) => importRules.getByRole('row').nth(row).getByRole('cell').first();
    await importRules.getByRole('button', { name: 'Descendre Serial number and UUID' }).click();
    await ruleAt(2).getByText('Serial number and UUID', { exact: true }).waitFor();
    await glpi.keyboard.press('Enter');
    await ruleAt(3).getByText('Serial number and UUID', { exact: true }).waitFor();
    expect(await ruleAt(1).textContent()).toBe('Serial number');
    expect(await glpi.evaluate('document.activeElement.textContent')).toBe('Descendre Serial number and UUID');
    await expectAccessible(glpi);
  });
});

describe("the user's language", () => {
  it('follows the user to another browser once chosen, over the browser’s own', async () => {
    const first = await signIn('normal');
    const saved = first.waitForResponse(
      (response) => response.request().method() === 'PATCH' && response.url().includes('/api/identity/users/'),
    );
    await first.getByLabel('Langue').selectOption('en');
    expect((await saved).status()).toBe(200);
    await first.getByRole('heading', { name: 'Home', level: 1 }).waitFor();
    // a French browser elsewhere: the language kept by identity wins after sign-in
    const second = await signIn('normal', { locale: 'fr-FR', home: 'Home' });
    expect(await second.locator('html').getAttribute('lang')).toBe('en');
  });
});

describe('saved searches of the ticket list', () => {
  it('saves the current criteria under a name and loads them back', async () => {
    const tech = await signIn('tech');
    await tech.goto('/tickets?status=closed&priority=5');
    await tech.getByLabel('Nom de la recherche').fill('Très hautes closes');
    await tech.getByRole('button', { name: 'Sauvegarder la recherche' }).click();
    await tech.getByRole('option', { name: 'Très hautes closes' }).waitFor({ state: 'attached' });
    await tech.goto('/tickets');
    await tech.getByLabel('Recherche sauvegardée').selectOption({ label: 'Très hautes closes' });
    await tech.waitForURL(/status=closed/);
    expect(new URL(tech.url()).searchParams.get('priority')).toBe('5');
    await expectAccessible(tech);
  });
});

describe('Créer un ticket for a self-service user', () => {
  it("offers one of the user's devices and sends it as the ticket's item", async () => {
    const token = await asGlpi();
    const identity = jsonApi(platform.services.identity.url, token);
    const blier = (await identity.get('/api/users?login=S1')).body.items[0];
    const assets = new AssetFixture(stack);
    await assets.connect();
    const printer = await assets.asset('printer', 'HP LaserJet 1020', { userId: blier.userId });

    const page = await signIn('S1');
    for (let attempt = 0; (await page.getByLabel('Mon matériel').count()) === 0; attempt++) {
      if (attempt === 60) throw new Error('the device never showed');
      await page.goto('/tickets/new');
      await page.getByRole('heading', { name: 'Créer un ticket' }).waitFor();
      await page
        .getByLabel('Mon matériel')
        .waitFor({ timeout: 1000 })
        .catch(() => undefined);
    }
    await page.getByLabel('Mon matériel').selectOption({ label: 'HP LaserJet 1020' });
    await page.getByLabel('Titre').fill("Problème d'impression");
    await page.getByLabel('Description').fill('Les lignes sont décalées.');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Créer un ticket' }).click();
    await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
    const ticketId = new URL(page.url()).pathname.split('/').pop();
    const ticket = await jsonApi(platform.services.tickets.url, token).get(`/api/tickets/${ticketId}`);
    expect(ticket.body.items).toEqual([{ itemType: 'printer', itemId: printer.assetId, name: 'HP LaserJet 1020' }]);
  });
});
