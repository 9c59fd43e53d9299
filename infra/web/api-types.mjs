#!/usr/bin/env node
// The web client's types, generated from the services' OpenAPI documents (apps/web/openapi/*.json,
// refreshed from the running services by `npm run openapi`) into apps/web/src/api/generated/.
// `node infra/web/api-types.mjs` rewrites them; `--check` lists the stale ones (exit 1), which a
// unit test runs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const documentsDir = path.join(repoRoot, 'apps/web/openapi');
export const typesDir = path.join(repoRoot, 'apps/web/src/api/generated');

/** The services that have a committed document, by name. */
export function documentedServices() {
  return fs
    .readdirSync(documentsDir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

export const typesFile = (service) => path.join(typesDir, `${service}.ts`);

/** The TypeScript of one service's document, as committed. */
export async function apiTypesOf(service) {
  const document = JSON.parse(fs.readFileSync(path.join(documentsDir, `${service}.json`), 'utf8'));
  const banner = `// Generated from apps/web/openapi/${service}.json by infra/web/api-types.mjs: do not edit.\n`;
  return banner + astToString(await openapiTS(document, { alphabetize: true, defaultNonNullable: false }));
}

/** The services whose committed types differ from their document's. */
async function staleServices() {
  const stale = [];
  for (const service of documentedServices()) {
    const committed = fs.existsSync(typesFile(service)) ? fs.readFileSync(typesFile(service), 'utf8') : null;
    if (committed !== (await apiTypesOf(service))) stale.push(service);
  }
  return stale;
}

async function main() {
  if (process.argv.includes('--check')) {
    const stale = await staleServices();
    console.log(JSON.stringify({ services: documentedServices(), stale }));
    process.exit(stale.length ? 1 : 0);
  }
  fs.mkdirSync(typesDir, { recursive: true });
  for (const service of documentedServices()) {
    fs.writeFileSync(typesFile(service), await apiTypesOf(service));
    console.log(`[web] ${path.relative(repoRoot, typesFile(service))}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
