import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { ManagedIsolatedStack } from '@itsm/testing';
import { chromium, type Browser, type Page } from 'playwright-core';

const repoRoot = path.resolve(__dirname, '../..');

/** Debian's Chromium (installed by infra/local/chromium.mjs if missing), headless, closed with the test file's slice. */
export async function chromiumFor(stack: ManagedIsolatedStack): Promise<Browser> {
  execFileSync(process.execPath, [path.join(repoRoot, 'infra/local/chromium.mjs')], { stdio: 'inherit' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // Chromium's sandbox refuses to run as root, which CI and the dev machines are
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
  stack.onTeardown(() => browser.close());
  return browser;
}

/**
 * A page of a new French browser context, signed in as one of the demo's users (their password is
 * their login) and at home; the caller closes its context (`page.context()`).
 */
export async function signedInPage(browser: Browser, baseURL: string, login: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', baseURL });
  // a browser step on a loaded 2-core machine (argon2 at sign-in, Chromium's rendering) can take
  // tens of seconds: the steps wait up to a minute
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('Identifiant').fill(login);
  await page.getByLabel('Mot de passe').fill(login);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'Accueil', level: 1 }).waitFor();
  return page;
}

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core's serious and critical violations on the page as it is now. The script is evaluated
 * through the DevTools protocol, which the page's CSP (no inline script) does not govern.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // runs in the page: globalThis is its window, where axe-core's script put `axe`
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: Array<Record<string, unknown>> }> } })
      .axe;
    const { violations } = await axe.run();
    return violations.map((violation) => ({
      id: String(violation.id),
      impact: (violation.impact as string | null) ?? null,
      help: String(violation.help),
      targets: (violation.nodes as Array<{ target: string[] }>).map((node) => node.target.join(' ')),
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** docs/screenshots/<name>.png, when SCREENSHOTS=1 (`npm run screenshots`). */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  const dir = path.join(repoRoot, 'docs/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
