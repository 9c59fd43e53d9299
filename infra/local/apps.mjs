// The services of apps/: each one with an "itsm": { "port": N } entry in its package.json.
import fs from 'node:fs';
import path from 'node:path';
import { logFile, runningPid, sleep, spawnDetached, stopProcess } from './process.mjs';
import { paths, readyTimeoutMs } from './settings.mjs';

export function discoverApps() {
  const appsDir = path.join(paths.repoRoot, 'apps');
  return fs
    .readdirSync(appsDir)
    .map((name) => ({ name, manifest: path.join(appsDir, name, 'package.json') }))
    .filter(({ manifest }) => fs.existsSync(manifest))
    .map(({ name, manifest }) => ({
      ...JSON.parse(fs.readFileSync(manifest, 'utf8')),
      name,
      dir: path.dirname(manifest),
    }))
    .filter((app) => app.itsm?.port)
    .map((app) => ({
      name: app.name,
      processName: `app-${app.name}`,
      port: Number(process.env[`ITSM_${app.name.toUpperCase()}_PORT`] ?? app.itsm.port),
      main: path.join(app.dir, 'dist', 'main.js'),
      seed: path.join(app.dir, 'dist', 'seed.js'),
      // services whose demo data this one's seed needs (identity's users, say)
      seedAfter: app.itsm.seedAfter ?? [],
    }));
}

/** The apps in an order where each seed runs after those it names in `seedAfter`, else by name. */
export function inSeedOrder(apps) {
  const ordered = [];
  const visit = (app, path = []) => {
    if (ordered.includes(app)) return;
    if (path.includes(app.name)) throw new Error(`seedAfter cycle: ${[...path, app.name].join(' -> ')}`);
    for (const name of app.seedAfter) {
      const before = apps.find((other) => other.name === name);
      if (before) visit(before, [...path, app.name]);
    }
    ordered.push(app);
  };
  for (const app of apps) visit(app);
  return ordered;
}

export const appUrl = (app) => `http://127.0.0.1:${app.port}`;

export async function startApp(app, env) {
  if (runningPid(app.processName)) return;
  spawnDetached(app.processName, process.execPath, [app.main], { env: { ...env, PORT: String(app.port) } });
  console.log(`[${app.name}] starting, log: ${logFile(app.processName)}`);
}

export async function waitForReady(app) {
  const deadline = Date.now() + readyTimeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${appUrl(app)}/health/ready`);
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = error.message;
    }
    if (!runningPid(app.processName)) throw new Error(`[${app.name}] exited; see ${logFile(app.processName)}`);
    await sleep(500);
  }
  throw new Error(
    `[${app.name}] not ready within ${readyTimeoutMs / 1000}s (${last}); see ${logFile(app.processName)}`,
  );
}

export async function stopApps() {
  for (const app of discoverApps()) {
    if (await stopProcess(app.processName, 10_000)) console.log(`[${app.name}] stopped`);
  }
}
