import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { useIsolatedStack } from '@itsm/testing';
import { committedDocument, committedDocumentPath, servedDocument } from './openapi-documents';
import { startWebPlatform, WEB_SERVICES, type WebPlatform } from './web-platform';

// The web application through the gateway, in Debian's Chromium, against the built services on
// the file's slice: one platform and one browser for every test of the file.
const stack = useIsolatedStack();
let platform: WebPlatform;

beforeAll(async () => {
  platform = await startWebPlatform(stack);
}, 180_000);

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
