import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { AccessTokenIssuer } from '@itsm/auth';
import { RIGHTS } from '@itsm/domain';
import { jsonApi } from '@itsm/runtime';
import { useIsolatedStack } from '@itsm/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumFor, screenshot, seriousAccessibilityViolations, signedInPage } from './browser';
import { committedDocument, committedDocumentPath, servedDocument } from './openapi-documents';
import { ok, untilKnown } from './platform-api';
import { PARC_SERVICES, startWebPlatform, type WebPlatform } from './web-platform';

// The Parc and Data Injection screens through the gateway, in Debian's Chromium, against the built
// identity, assets and imports services (seeded with the demo's computers and import models) on the
// file's slice: one platform, one browser and one technician's page for every test of the file.
const stack = useIsolatedStack();
// a browser step on a loaded 2-core machine can take tens of seconds: steps wait up to a minute
jest.setTimeout(300_000);
let platform: WebPlatform<(typeof PARC_SERVICES)[number]>;
let browser: Browser;
const contexts: BrowserContext[] = [];
let tech: Page;
/** glpi's page: Data Injection needs import.run (Super-Admin) */
let glpi: Page;

const repoRoot = path.resolve(__dirname, '../..');
/** The real FusionInventory agent's inventory (apps/assets' fixture), one package named with markup. */
const MARKUP = '<img src=x onerror="document.title=1">adduser';
const agentInventory = () =>
  fs
    .readFileSync(path.join(repoRoot, 'apps/assets/src/inventory/fixtures/fusioninventory-2.6-debian12.xml'), 'utf8')
    .replace('<NAME>adduser</NAME>', '<NAME>&lt;img src=x onerror=&quot;document.title=1&quot;&gt;adduser</NAME>');

async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

/** Reloads the page until `locator` shows: read models fed by events catch up in their own time. */
async function untilShown(page: Page, locator: () => ReturnType<Page['getByText']>, what: string) {
  for (let attempt = 0; ; attempt++) {
    // a reload signs in again (the refresh cookie) and reads the tab again: give it time to show
    const shown = await locator()
      .first()
      .waitFor({ timeout: 5000 })
      .then(() => true)
      .catch(() => false);
    if (shown) return;
    if (attempt === 20) throw new Error(`${what} never showed: ${await page.locator('main').textContent()}`);
    await page.reload();
  }
}

/** A Super-Admin's token on root, for what the tests set up through the services' APIs. */
const glpiToken = () =>
  new AccessTokenIssuer({ privateKey: stack.serviceEnv.JWT_PRIVATE_KEY }).issue({
    sub: randomUUID(),
    login: 'glpi',
    name: 'glpi',
    pid: 'super-admin',
    rights: [...RIGHTS],
    eid: 'root',
    rec: true,
    sid: randomUUID(),
  }).token;

/** A group in charge to pick in the asset form, once the assets service has heard of it. */
async function createGroupInCharge(name: string): Promise<void> {
  const token = glpiToken();
  const identity = jsonApi(platform.services.identity.url, token);
  const { groupId } = (await ok(identity.post('/api/groups', { name, entityId: 'root', recursive: true }))) as {
    groupId: string;
  };
  const assets = jsonApi(platform.services.assets.url, token);
  await untilKnown(() => assets.post('/api/peripherals', { name: `${name} (casque)`, technicianGroupId: groupId }));
}

async function signedIn(login: string): Promise<Page> {
  const page = await signedInPage(browser, platform.url, login);
  contexts.push(page.context());
  return page;
}

beforeAll(async () => {
  // the browser starts while the services do
  [browser, platform] = await Promise.all([chromiumFor(stack), startWebPlatform(stack, PARC_SERVICES)]);
  tech = await signedIn('tech');
  await createGroupInCharge('Support parc');
}, 240_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
});

describe('the OpenAPI documents the web client is generated from', () => {
  // UPDATE_OPENAPI=1 (`npm run openapi`) rewrites them and the client's types instead
  const update = process.env.UPDATE_OPENAPI === '1';

  it.each(['assets', 'imports'] as const)('are what %s serves', async (service) => {
    const served = await servedDocument(platform.services[service].url);
    if (update) fs.writeFileSync(committedDocumentPath(service), served);
    expect(committedDocument(service)).toBe(served);
  });

  afterAll(() => {
    if (update) execFileSync(process.execPath, [path.resolve(__dirname, '../../infra/web/api-types.mjs')]);
  });
});

describe('the Parc, as tech', () => {
  it('lists the computers with criteria, sortable columns and a total', async () => {
    await tech.getByRole('link', { name: 'Parc' }).click();
    await tech.getByRole('heading', { name: 'Ordinateurs', level: 1 }).waitFor();
    await tech.getByRole('link', { name: 'PC-COMMERCIAL-01' }).waitFor();
    await tech.getByRole('button', { name: 'Trier par Nom' }).click();
    expect(await tech.getByRole('columnheader', { name: 'Trier par Nom' }).getAttribute('aria-sort')).toBe(
      'descending',
    );
    await tech.getByLabel('Nom', { exact: true }).fill('commercial');
    await tech.getByRole('button', { name: 'Rechercher' }).click();
    await tech.getByTestId('list-total').filter({ hasText: 'De 1 à 1 sur 1' }).waitFor();
    await expectAccessible(tech);
    await screenshot(tech, 'parc-computers');
    for (const [type, asset] of [
      ['Moniteurs', 'ECRAN-COMMERCIAL-01'],
      ['Imprimantes', 'IMP-COMMERCIAL-01'],
      ['Matériels réseau', 'SW-SIEGE-01'],
      ['Téléphones', 'POSTE-COMMERCIAL-01'],
    ]) {
      await tech.getByRole('navigation', { name: 'Types de matériel' }).getByRole('link', { name: type }).click();
      await tech.getByRole('heading', { name: type, level: 1 }).waitFor();
      await tech.getByRole('link', { name: asset }).waitFor();
    }
    await tech
      .getByRole('navigation', { name: 'Types de matériel' })
      .getByRole('link', { name: 'Périphériques' })
      .click();
    await tech.getByRole('heading', { name: 'Périphériques', level: 1 }).waitFor();
  });

  it("shows another type's page with its own tabs", async () => {
    await tech.goto('/parc/printers');
    await tech.getByRole('link', { name: 'IMP-COMMERCIAL-01' }).click();
    await tech.getByRole('heading', { name: 'IMP-COMMERCIAL-01', level: 1 }).waitFor();
    const tabs = tech.getByRole('navigation', { name: 'Onglets' });
    expect(await tabs.getByRole('link').allTextContents()).toEqual([
      'Général',
      'Informations financières',
      'Tickets',
      'Historique',
    ]);
    await tabs.getByRole('link', { name: 'Historique' }).click();
    // the seed created it through the API as glpi
    await tech.getByRole('cell', { name: 'asset.created' }).waitFor();
    await expectAccessible(tech);
  });

  it("shows a computer's financial information: its net value today and its warranty's end", async () => {
    await tech.goto('/parc/computers?name=commercial');
    await tech.getByRole('link', { name: 'PC-COMMERCIAL-01' }).click();
    await tech.getByRole('heading', { name: 'PC-COMMERCIAL-01', level: 1 }).waitFor();
    await tech.getByRole('link', { name: 'Informations financières' }).click();
    const fact = (label: string) => tech.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');
    await tech.getByRole('heading', { name: 'Informations financières', level: 2 }).waitFor();
    expect(await fact('Valeur nette comptable').textContent()).toMatch(/^\d[\d\s\u202f]*,\d\d$/);
    expect(await fact('Fin de garantie').textContent()).toMatch(/^\d\d\/\d\d\/\d{4}$/);
    await expectAccessible(tech);
  });

  it("shows a computer's page after an agent inventory: its OS, volumes, ports, software, as text", async () => {
    const reply = await fetch(`${platform.services.assets.url}/inventory`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: agentInventory(),
    });
    expect(await reply.text()).toContain('no_update');
    await tech.goto('/parc/computers?name=vm');
    await tech.getByRole('link', { name: 'vm', exact: true }).click();
    await tech.getByRole('heading', { name: 'vm', level: 1 }).waitFor();
    const tabs = tech.getByRole('navigation', { name: 'Onglets' });
    expect(await tabs.getByRole('link').allTextContents()).toEqual([
      'Général',
      "Système d'exploitation",
      'Composants',
      'Volumes',
      'Ports réseau',
      'Logiciels',
      'Informations financières',
      'Tickets',
      'Historique',
    ]);
    await tabs.getByRole('link', { name: "Système d'exploitation" }).click();
    // the composition's read model follows the inventory's events
    await untilShown(tech, () => tech.getByText('Debian GNU/Linux 12 (bookworm)', { exact: true }), 'the OS');
    await tech.getByText('x86_64').waitFor();
    await tabs.getByRole('link', { name: 'Volumes' }).click();
    await tech.getByRole('cell', { name: '/dev/vda' }).waitFor();
    await tabs.getByRole('link', { name: 'Ports réseau' }).click();
    await tech.getByRole('cell', { name: 'lo', exact: true }).waitFor();
    await tabs.getByRole('link', { name: 'Composants' }).click();
    await tech.getByRole('cell', { name: 'AMD EPYC' }).waitFor();
    await tabs.getByRole('link', { name: 'Logiciels' }).click();
    await untilShown(tech, () => tech.getByRole('link', { name: MARKUP }), 'the inventoried software');
    expect(await tech.locator('main img').count()).toBe(0);
    expect(await tech.title()).toBe('ITSM');
    await expectAccessible(tech);
    await screenshot(tech, 'computer-software');
    await tabs.getByRole('link', { name: 'Historique' }).click();
    await tech.getByRole('cell', { name: 'asset.inventory-applied' }).first().waitFor();
  });

  it('shows a software with its installations and its licence compliance', async () => {
    await tech.getByRole('navigation', { name: 'Onglets' }).getByRole('link', { name: 'Logiciels' }).click();
    await tech.getByRole('link', { name: MARKUP }).click();
    // the catalogue learns what inventories found from their events, after the installations
    await untilShown(tech, () => tech.getByRole('heading', { name: MARKUP, level: 1 }), 'the software');
    const installations = tech.getByRole('region', { name: 'Installations' });
    await installations.getByRole('link', { name: 'vm' }).waitFor();
    // installed on one computer, no licence: not compliant
    await tech.getByRole('region', { name: 'Conformité' }).getByText('Non conforme').waitFor();
    await expectAccessible(tech);
    await screenshot(tech, 'software');
  });

  it('adds a licence to a software, assigns computers within its seats, then over quota once allowed', async () => {
    await tech.getByRole('link', { name: 'Ajouter une licence' }).click();
    const terms = tech.getByRole('form', { name: 'Ajouter une licence' });
    await terms.getByText(MARKUP).waitFor();
    await terms.getByLabel('Nom', { exact: true }).fill('adduser - 1 poste');
    await terms.getByLabel('Nombre').fill('1');
    // the versions the inventory found: the licence covers the first
    const version = (await terms.getByLabel('Version').locator('option').allTextContents())[1];
    await terms.getByLabel('Version').selectOption({ label: version });
    await expectAccessible(tech);
    await terms.getByRole('button', { name: 'Ajouter' }).click();
    await tech.getByRole('heading', { name: 'adduser - 1 poste', level: 1 }).waitFor();
    const compliance = tech.getByRole('region', { name: 'Conformité' });
    await compliance.getByText('Conforme', { exact: true }).waitFor();
    await tech.getByRole('link', { name: MARKUP }).waitFor();
    await tech.locator('dd', { hasText: version }).first().waitFor();

    const assign = async (name: string) => {
      await tech.getByLabel("Nom de l'ordinateur").fill(name);
      await tech.getByRole('button', { name: 'Rechercher' }).click();
      await tech.getByRole('button', { name: `Affecter à ${name}` }).click();
    };
    const seats = tech.getByRole('region', { name: 'Ordinateurs affectés' });
    await assign('PC-COMMERCIAL-01');
    await seats.getByRole('link', { name: 'PC-COMMERCIAL-01' }).waitFor();
    // a second computer on one seat: refused while over-quota is not allowed
    await assign('vm');
    await tech.getByRole('alert').filter({ hasText: 'computerId' }).waitFor();
    const edit = tech.getByRole('form', { name: 'Modifier la licence' });
    await edit.getByLabel('Autoriser le dépassement de quota').check();
    const saved = tech.waitForResponse(
      (response) => response.request().method() === 'PATCH' && response.url().includes('/api/assets/licenses/'),
    );
    await edit.getByRole('button', { name: 'Enregistrer' }).click();
    expect((await saved).status()).toBe(200);
    await tech.getByRole('button', { name: 'Affecter à vm' }).click();
    await seats.getByRole('link', { name: 'vm', exact: true }).waitFor();
    await compliance.getByText('Quota dépassé').waitFor();
    await seats.getByRole('button', { name: 'Retirer PC-COMMERCIAL-01' }).click();
    await compliance.getByText('Conforme', { exact: true }).waitFor();
    expect(await seats.getByRole('link').allTextContents()).toEqual(['vm']);
    await expectAccessible(tech);
    await screenshot(tech, 'license');
    await tech.getByRole('navigation', { name: 'Types de matériel' }).getByRole('link', { name: 'Licences' }).click();
    const row = tech.getByRole('row').filter({ hasText: 'adduser - 1 poste' });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      'adduser - 1 poste',
      MARKUP,
      '',
      '1',
      '1',
      '',
      'Conforme',
    ]);
    // the version it covers changed after its creation: any version now
    await row.getByRole('link', { name: 'adduser - 1 poste' }).click();
    const changed = tech.getByRole('form', { name: 'Modifier la licence' });
    expect(await changed.getByLabel('Version').locator('option:checked').textContent()).toBe(version);
    await changed.getByLabel('Version').selectOption({ label: 'Toutes les versions' });
    await changed.getByRole('button', { name: 'Enregistrer' }).click();
    await tech.locator('dd', { hasText: 'Toutes les versions' }).waitFor();
  });

  it('creates a computer through the form, edits it, puts it in the trash and restores it', async () => {
    await tech.goto('/parc/computers');
    await tech.getByRole('link', { name: 'Ajouter un élément (Ordinateurs)' }).click();
    const form = tech.getByRole('form', { name: 'Ajouter un élément (Ordinateurs)' });
    await form.getByLabel('Nom', { exact: true }).fill('PC-FORM-01');
    await form.getByLabel('Numéro de série').fill('SN-FORM-01');
    await form.getByLabel('Statut').selectOption({ label: 'En service' });
    await form.getByLabel('Commentaire').fill('<b>écran</b> à changer');
    await form.getByLabel("Date d'achat").fill('2025-01-10');
    await form.getByLabel("Valeur d'achat").fill('1200');
    await form.getByLabel("Type d'amortissement").selectOption({ label: 'Linéaire' });
    await form.getByLabel("Durée d'amortissement (années)").fill('3');
    // the entity among tech's entities in scope, the active one by default; shared with its children
    expect(await form.getByLabel('Entité', { exact: true }).inputValue()).toBe('root');
    await form.getByLabel('Sous-entités').check();
    await form.getByLabel('Technicien responsable').selectOption({ label: 'tech' });
    expect(await form.getByLabel('Groupe responsable').locator('option').first().textContent()).toBe('Aucun');
    await expectAccessible(tech);
    await screenshot(tech, 'asset-form');
    await form.getByRole('button', { name: 'Ajouter' }).click();
    await tech.getByRole('heading', { name: 'PC-FORM-01', level: 1 }).waitFor();
    const fact = (label: string) =>
      tech.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');
    expect(await fact('Statut').textContent()).toBe('En service');
    expect(await fact('Commentaire').textContent()).toBe('<b>écran</b> à changer');
    expect(await fact('Entité').textContent()).toBe('Entité racine');
    expect(await fact('Sous-entités').textContent()).toBe('Oui');
    expect(await fact('Technicien responsable').textContent()).toBe('tech');

    await tech.getByRole('link', { name: 'Modifier' }).click();
    const edit = tech.getByRole('form', { name: 'Modifier PC-FORM-01' });
    expect(await edit.getByLabel('Numéro de série').inputValue()).toBe('SN-FORM-01');
    await edit.getByLabel('Nom', { exact: true }).fill('PC-FORM-02');
    await edit.getByLabel('Numéro de commande').fill('CMD-42');
    await edit.getByLabel('Groupe responsable').selectOption({ label: 'Support parc' });
    await edit.getByRole('button', { name: 'Enregistrer' }).click();
    await tech.getByRole('heading', { name: 'PC-FORM-02', level: 1 }).waitFor();
    expect(await fact('Groupe responsable').textContent()).toBe('Support parc');
    await tech.getByRole('link', { name: 'Informations financières' }).click();
    await tech.getByRole('heading', { name: 'Informations financières', level: 2 }).waitFor();
    expect(await fact('Numéro de commande').textContent()).toBe('CMD-42');
    expect(await fact('Valeur nette comptable').textContent()).toMatch(/^\d[\d\s\u202f]*,\d\d$/);

    await tech.getByRole('button', { name: 'Mettre à la corbeille' }).click();
    await tech.getByText('Dans la corbeille').waitFor();
    expect(await tech.getByRole('link', { name: 'Modifier' }).count()).toBe(0);
    await tech.getByRole('button', { name: 'Restaurer' }).click();
    await tech.getByRole('button', { name: 'Mettre à la corbeille' }).waitFor();
    await expectAccessible(tech);

    // the agent's computer: a person's edit locks the field, which tech gives back to the inventory
    await tech.goto('/parc/computers?name=vm');
    await tech.getByRole('link', { name: 'vm', exact: true }).click();
    const locks = tech.getByRole('region', { name: 'Champs verrouillés' });
    await locks.getByText('Aucun champ verrouillé', { exact: false }).waitFor();
    await tech.getByRole('link', { name: 'Modifier' }).click();
    const vm = tech.getByRole('form', { name: 'Modifier vm' });
    expect(await vm.getByLabel('Entité', { exact: true }).count()).toBe(0);
    await vm.getByLabel('Lieu').waitFor();
    await vm.getByLabel('Numéro de contact').fill('0102030405');
    await vm.getByRole('button', { name: 'Enregistrer' }).click();
    await tech.getByRole('heading', { name: 'vm', level: 1 }).waitFor();
    await locks.getByRole('button', { name: 'Déverrouiller Numéro de contact' }).click();
    await locks.getByText('Aucun champ verrouillé', { exact: false }).waitFor();
    expect(await fact('Numéro de contact').textContent()).toBe('0102030405');
    await expectAccessible(tech);
  });

  it('creates a monitor with its own field, then purges it from the trash', async () => {
    await tech.goto('/parc/monitors/new');
    const form = tech.getByRole('form', { name: 'Ajouter un élément (Moniteurs)' });
    await form.getByLabel('Nom', { exact: true }).fill('ECRAN-FORM-01');
    await form.getByLabel('Taille (pouces)').fill('27');
    expect(await form.getByLabel('Compteur de pages actuel').count()).toBe(0);
    await form.getByRole('button', { name: 'Ajouter' }).click();
    await tech.getByRole('heading', { name: 'ECRAN-FORM-01', level: 1 }).waitFor();
    const fact = (label: string) => tech.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');
    expect(await fact('Taille (pouces)').textContent()).toBe('27');
    await tech.getByRole('button', { name: 'Mettre à la corbeille' }).click();
    await tech.getByRole('button', { name: 'Supprimer définitivement' }).click();
    // back to the trash's list, where it is no more
    await tech.waitForURL(/\/parc\/monitors\?trashed=true$/);
    await tech.getByTestId('list-total').waitFor();
    expect(await tech.getByRole('link', { name: 'ECRAN-FORM-01' }).count()).toBe(0);
  });
});

describe('Data Injection, as glpi', () => {
  // a name as link field; line 3 has an impossible date (22), line 4 no name (23)
  const file = [
    "Nom;Fabricant;Numero de serie;Date d'achat",
    'PC-WEB-01;Dell Inc.;SN-WEB-01;2024-01-15',
    'PC-WEB-02;Dell Inc.;SN-WEB-02;2024-02-30',
    ';HP;SN-WEB-03;2024-03-01',
  ].join('\r\n');
  it('creates a model from the header proposed mapping, with a preview of the first lines', async () => {
    glpi = await signedIn('glpi');
    await glpi.getByRole('link', { name: 'Injection de données' }).click();
    await glpi.getByRole('heading', { name: 'Injection de données', level: 1 }).waitFor();
    await glpi.getByLabel('Nom du modèle').fill('Ordinateurs du web');
    await glpi.getByLabel('Type de données').selectOption({ label: 'Ordinateurs' });
    await glpi
      .getByLabel('Fichier CSV')
      .setInputFiles({ name: 'parc.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await expectAccessible(glpi);
    await glpi.getByRole('button', { name: 'Suivant' }).click();
    const mapping = glpi.getByRole('form', { name: 'Correspondances' });
    expect(await mapping.getByLabel('Champ : Numero de serie').inputValue()).toBe('serial');
    expect(await mapping.getByLabel("Champ : Date d'achat").inputValue()).toBe('purchaseDate');
    await mapping
      .getByRole('region', { name: 'Aperçu des premières lignes' })
      .getByRole('cell', { name: 'SN-WEB-02' })
      .waitFor();
    await mapping.getByLabel('Champ de liaison : Nom').check();
    await expectAccessible(glpi);
    await screenshot(glpi, 'data-injection-mapping');
    await mapping.getByRole('button', { name: 'Enregistrer le modèle' }).click();
    await glpi.getByRole('form', { name: 'Informations complémentaires' }).waitFor();
  });

  it('runs it dry, then for real with its progress, and reports the failed lines to download', async () => {
    await glpi.getByRole('button', { name: 'Simulation' }).click();
    await glpi.getByRole('heading', { name: 'Rapport de simulation' }).waitFor();
    // the status comes from the run's Server-Sent Events through the gateway: the page is not reloaded
    await glpi.getByTestId('run-status').filter({ hasText: 'Terminé' }).waitFor();
    await glpi.getByText('Simulation terminée : aucune donnée écrite').waitFor();
    await glpi
      .getByTestId('run-counts')
      .filter({ hasText: /, 2 échecs$/ })
      .waitFor();
    await glpi.getByRole('button', { name: "Lancer l'import réel" }).click();
    await glpi.getByRole('heading', { name: "Rapport d'import" }).waitFor();
    await glpi.getByTestId('run-status').filter({ hasText: 'Terminé' }).waitFor();
    await glpi
      .getByTestId('run-counts')
      .filter({ hasText: /, 2 échecs$/ })
      .waitFor();
    await glpi.getByLabel('Statut').selectOption({ label: 'Échec' });
    const report = glpi.getByRole('table', { name: "Rapport d'import" });
    await glpi.getByTestId('list-total').filter({ hasText: 'De 1 à 2 sur 2' }).waitFor();
    expect(await report.locator('tbody tr td:first-child').allTextContents()).toEqual(['3', '4']);
    expect(await report.locator('tbody tr td:nth-child(3)').allTextContents()).toEqual(['22', '23']);
    await expectAccessible(glpi);
    await screenshot(glpi, 'data-injection-report');
    const [download] = await Promise.all([
      glpi.waitForEvent('download'),
      glpi.getByRole('button', { name: 'Télécharger les lignes en erreur' }).click(),
    ]);
    const failed = fs.readFileSync(await download.path(), 'utf8');
    expect(failed).toContain('PC-WEB-02;Dell Inc.;SN-WEB-02;2024-02-30');
    expect(failed).not.toContain('PC-WEB-01');
    // the line that passed is a computer of the Parc
    await tech.goto('/parc/computers?name=PC-WEB');
    await tech.getByRole('link', { name: 'PC-WEB-01' }).waitFor();
    expect(await tech.getByRole('link', { name: 'PC-WEB-02' }).count()).toBe(0);
  });
});

describe("Data Injection with the seed's model", () => {
  it('checks the demo file against Import_ordinateurs in a dry run', async () => {
    glpi ??= await signedIn('glpi');
    await glpi.goto('/data-injection');
    await glpi.getByLabel('Modèle', { exact: true }).selectOption({ label: 'Import_ordinateurs (Ordinateurs)' });
    await glpi.getByLabel('Fichier CSV').setInputFiles(path.join(repoRoot, 'apps/imports/demo/ordinateurs.csv'));
    await glpi.getByRole('button', { name: 'Suivant' }).click();
    // the chosen model's mapping, read-only
    const mapping = glpi.getByRole('form', { name: 'Correspondances' });
    expect(await mapping.getByLabel('Champ : Nom', { exact: true }).isDisabled()).toBe(true);
    expect(await mapping.getByLabel('Champ de liaison : Nom', { exact: true }).isChecked()).toBe(true);
    await mapping.getByRole('button', { name: 'Suivant' }).click();
    await glpi.getByRole('button', { name: 'Simulation' }).click();
    await glpi.getByTestId('run-status').filter({ hasText: 'Terminé' }).waitFor();
    await glpi.getByTestId('list-total').filter({ hasText: 'sur 3' }).waitFor();
  });
});

describe("Data Injection's past runs, as glpi", () => {
  it('lists the runs newest first with model, file, mode, status, results and who, and opens a report', async () => {
    glpi ??= await signedIn('glpi');
    await glpi.goto('/data-injection');
    await glpi.getByRole('link', { name: 'Voir les imports précédents' }).click();
    const runs = glpi.getByRole('table', { name: 'Imports précédents' });
    await runs.waitFor();
    // the seed model's dry run is the newest; the web model's real run came before it
    const newest = runs.locator('tbody tr').first();
    expect(await newest.locator('td').allTextContents()).toEqual([
      expect.any(String),
      'Import_ordinateurs',
      'ordinateurs.csv',
      'Simulation',
      'Terminé',
      expect.stringMatching(/^\d+ succès, \d+ avertissements, \d+ échecs$/),
      expect.any(String),
      'glpi',
    ]);
    const real = runs.locator('tbody tr', { hasText: 'Ordinateurs du web' }).filter({ hasNotText: 'Simulation' });
    expect(await real.locator('td').nth(3).textContent()).toBe('Import');
    expect(await real.locator('td').nth(5).textContent()).toMatch(/^1 succès, \d+ avertissements, 2 échecs$/);
    await expectAccessible(glpi);
    await screenshot(glpi, 'data-injection-runs');
    await real.getByRole('link', { name: 'Rapport de parc.csv' }).click();
    await glpi.getByRole('heading', { name: "Rapport d'import" }).waitFor();
    await glpi
      .getByTestId('run-counts')
      .filter({ hasText: /, 2 échecs$/ })
      .waitFor();
    await glpi.getByRole('table', { name: "Rapport d'import" }).getByRole('cell', { name: '22' }).waitFor();
    await expectAccessible(glpi);
  });
});

describe('a transfer to another entity, as tech', () => {
  it('moves a computer to a sub-entity through "Transférer", the picker offering the other entities', async () => {
    await ok(
      jsonApi(platform.services.identity.url, glpiToken()).post('/api/entities', {
        name: 'Agence de Lyon',
        parentId: 'root',
      }),
    );
    // signed in after the entity exists: it is among tech's entities (recursive on root)
    const mover = await signedIn('tech');
    await mover.goto('/parc/computers/new');
    const form = mover.getByRole('form', { name: 'Ajouter un élément (Ordinateurs)' });
    await form.getByLabel('Nom', { exact: true }).fill('PC-TRANSFERT');
    await form.getByRole('button', { name: 'Ajouter' }).click();
    await mover.getByRole('heading', { name: 'PC-TRANSFERT', level: 1 }).waitFor();
    await mover.getByRole('button', { name: 'Transférer' }).click();
    const transfer = mover.getByRole('form', { name: 'Transférer PC-TRANSFERT vers une autre entité' });
    const picker = transfer.getByLabel('Entité de destination');
    // the picker takes the focus, so that the keyboard goes on from the button
    await mover.waitForFunction("document.activeElement.id === 'asset-transfer-entity'");
    expect(await picker.locator('option').allTextContents()).toEqual([
      'Choisir une entité',
      'Entité racine > Agence de Lyon',
    ]);
    await picker.selectOption({ label: 'Entité racine > Agence de Lyon' });
    await expectAccessible(mover);
    await transfer.getByRole('button', { name: 'Transférer' }).click();
    const fact = (label: string) =>
      mover.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');
    await fact('Entité').getByText('Agence de Lyon', { exact: true }).waitFor();
    expect(await transfer.count()).toBe(0);
  });
});

describe('an observer (GLPI READ on the Parc)', () => {
  it('reads assets and licences but is offered no way to change them', async () => {
    const observer = await signedIn('normal');
    await observer.goto('/parc/computers?name=PC-FORM');
    await observer.getByRole('link', { name: 'PC-FORM-02' }).click();
    await observer.getByRole('heading', { name: 'PC-FORM-02', level: 1 }).waitFor();
    await observer.getByRole('navigation', { name: 'Onglets' }).waitFor();
    expect(await observer.getByRole('link', { name: 'Modifier' }).count()).toBe(0);
    expect(await observer.getByRole('button', { name: 'Mettre à la corbeille' }).count()).toBe(0);
    expect(await observer.getByRole('button', { name: 'Transférer' }).count()).toBe(0);
    await observer
      .getByRole('navigation', { name: 'Types de matériel' })
      .getByRole('link', { name: 'Licences' })
      .click();
    await observer.getByRole('link', { name: 'adduser - 1 poste' }).click();
    await observer.getByRole('region', { name: 'Ordinateurs affectés' }).getByRole('link', { name: 'vm' }).waitFor();
    expect(await observer.getByRole('button', { name: /^Retirer|^Affecter/ }).count()).toBe(0);
    expect(await observer.getByRole('form').count()).toBe(0);
    expect(await observer.getByRole('link', { name: 'Ajouter une licence' }).count()).toBe(0);
    // and the address of a form answers that it is not for him
    await observer.goto('/parc/computers/new');
    await observer.getByRole('heading', { name: "Vous n'avez pas accès à cette page" }).waitFor();
  });
});

describe('a self-service user', () => {
  it('sees neither the Parc nor Data Injection, and cannot reach them', async () => {
    const postOnly = await signedIn('post-only');
    expect(await postOnly.getByRole('link', { name: 'Parc' }).count()).toBe(0);
    expect(await postOnly.getByRole('link', { name: 'Injection de données' }).count()).toBe(0);
    for (const address of ['/parc/computers', '/parc/software', '/data-injection', '/data-injection/runs']) {
      await postOnly.goto(address);
      await postOnly.getByRole('heading', { name: "Vous n'avez pas accès à cette page" }).waitFor();
    }
  });
});
