import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { useIsolatedStack } from '@itsm/testing';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser';
import { committedDocument, committedDocumentPath, servedDocument } from './openapi-documents';
import { PARC_SERVICES, startWebPlatform, type WebPlatform } from './web-platform';

// The Parc and Data Injection screens through the gateway, in Debian's Chromium, against the built
// identity, assets and imports services (seeded) on the file's slice.
const stack = useIsolatedStack();
jest.setTimeout(300_000);
let platform: WebPlatform<(typeof PARC_SERVICES)[number]>;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  stack.onTeardown(() => browser.close());
  platform = await startWebPlatform(stack, PARC_SERVICES);
}, 240_000);

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
