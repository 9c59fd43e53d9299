#!/usr/bin/env node
// `npm start`: the local stack, a build, every service of apps/, the demo data, then the URLs.
import fs from 'node:fs';
import { appUrl, discoverApps, inSeedOrder, startApp, waitForReady } from './apps.mjs';
import { run } from './process.mjs';
import { paths } from './settings.mjs';
import { signingKeyEnv } from './keys.mjs';
import { ensureStack } from './stack.mjs';

async function main() {
  // the gateway on this machine is the one proxy the services believe about the client's address
  const env = { ...(await ensureStack()), ...signingKeyEnv(), TRUST_PROXY: process.env.TRUST_PROXY ?? 'loopback' };
  console.log('[build] tsc -b, vite build');
  run('npm', ['run', '--silent', 'build'], { cwd: paths.repoRoot });
  const apps = discoverApps();
  for (const app of apps) await startApp(app, env);
  await Promise.all(apps.map(waitForReady));
  for (const app of inSeedOrder(apps).filter((candidate) => fs.existsSync(candidate.seed))) {
    console.log(`[${app.name}] seeding demo data`);
    const urls = Object.fromEntries(apps.map((other) => [`ITSM_${other.name.toUpperCase()}_URL`, appUrl(other)]));
    run(process.execPath, [app.seed], { env: { ...process.env, ...env, ...urls, ITSM_SERVICE_URL: appUrl(app) } });
  }
  const gateway = apps.find((app) => app.name === 'gateway');
  console.log('\nReady:');
  if (gateway)
    console.log(
      `  web        http://localhost:${gateway.port}  (sign in as tech/tech, S1/S1 for M. Blier, glpi/glpi)\n`,
    );
  for (const app of apps.filter((candidate) => candidate !== gateway))
    console.log(`  ${app.name.padEnd(10)} ${appUrl(app)}  (health: ${appUrl(app)}/health/ready)`);
  console.log('\nStop everything with `npm stop`; logs are in .itsm/logs/.');
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
