#!/usr/bin/env node
// `npm start`: the local stack, a build, every service of apps/, the demo data, then the URLs.
import fs from 'node:fs';
import { appUrl, discoverApps, inSeedOrder, startApp, waitForReady } from './apps.mjs';
import { run } from './process.mjs';
import { paths } from './settings.mjs';
import { signingKeyEnv } from './keys.mjs';
import { ensureStack } from './stack.mjs';

async function main() {
  const env = { ...(await ensureStack()), ...signingKeyEnv() };
  console.log('[build] tsc -b');
  run('npx', ['tsc', '-b', 'tsconfig.build.json'], { cwd: paths.repoRoot });
  const apps = discoverApps();
  for (const app of apps) await startApp(app, env);
  await Promise.all(apps.map(waitForReady));
  for (const app of inSeedOrder(apps).filter((candidate) => fs.existsSync(candidate.seed))) {
    console.log(`[${app.name}] seeding demo data`);
    const urls = Object.fromEntries(apps.map((other) => [`ITSM_${other.name.toUpperCase()}_URL`, appUrl(other)]));
    run(process.execPath, [app.seed], { env: { ...process.env, ...env, ...urls, ITSM_SERVICE_URL: appUrl(app) } });
  }
  console.log('\nReady:');
  for (const app of apps) console.log(`  ${app.name.padEnd(10)} ${appUrl(app)}  (health: ${appUrl(app)}/health/ready)`);
  console.log('\nStop everything with `npm stop`; logs are in .itsm/logs/.');
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
