#!/usr/bin/env node
// `npm run itsm -- <command>`: the operations CLI of the local installation. Each command runs in
// the built CLI of the service it concerns (apps/<service>/dist/cli.js, which the images carry
// too), with the stack's environment and the local signing keys, as `npm start` gives them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { appUrl, discoverApps } from './apps.mjs';
import { signingKeyEnv } from './keys.mjs';
import { stackEnv } from './settings.mjs';

const USAGE = `usage: npm run itsm -- <command>
  create-admin [--login admin] [--password-file f] [--force]   the first Super-Admin (password asked, or ITSM_ADMIN_PASSWORD)
  rotate-jwt-key publish|activate|retire [--force]             rotate the access-token signing key (.itsm/keys)
  rebuild <service> <projection> [--stream <id>]               rebuild a read model, or one stream of it
  lag [<service>]                                              relay and consumer lag (every service by default)
  dead-letters list [<service>]                                dead letters and parked streams
  dead-letters replay <service> <group> <key> [--skip-dead-letter] [--login <user>]
Each service's own: node apps/<service>/dist/cli.js --help`;

const apps = discoverApps();
const named = (name) => {
  const app = apps.find((candidate) => candidate.name === name);
  if (!app) throw new Error(`no service ${name}; there are: ${apps.map((candidate) => candidate.name).join(', ')}`);
  return app;
};
const urls = Object.fromEntries(apps.map((app) => [`ITSM_${app.name.toUpperCase()}_URL`, appUrl(app)]));

/** Runs one service's CLI; its output is the command's, its exit code the command's. */
function runCli(app, args) {
  const cli = app.main.replace(/main\.js$/, 'cli.js');
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: npm run build first`);
  const env = {
    ...stackEnv(),
    ...signingKeyEnv(),
    ...urls,
    ITSM_SERVICE_URL: appUrl(app),
    PORT: String(app.port),
    ...process.env,
  };
  return spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit', env }).status ?? 1;
}

/** A command for each service (lag, dead-letters list) or the one named after it. */
function eachOrOne(command, [service, ...rest]) {
  const targets = service && !service.startsWith('-') ? [named(service)] : apps;
  const args = service && !service.startsWith('-') ? rest : [service, ...rest].filter(Boolean);
  let status = 0;
  for (const app of targets) {
    console.log(`[${app.name}]`);
    status ||= runCli(app, [...command, ...args]);
  }
  return status;
}

function main([command, ...args]) {
  switch (command) {
    case 'create-admin':
    case 'rotate-jwt-key':
      return runCli(named('identity'), [command, ...args]);
    case 'rebuild': {
      const [service, ...rest] = args;
      if (!service) throw new Error('rebuild <service> <projection> [--stream <id>]');
      return runCli(named(service), ['rebuild', ...rest]);
    }
    case 'lag':
      return eachOrOne(['lag'], args);
    case 'dead-letters': {
      const [action, ...rest] = args;
      if (action === 'list') return eachOrOne(['dead-letters', 'list'], rest);
      if (action === 'replay' && rest[0]) return runCli(named(rest[0]), ['dead-letters', 'replay', ...rest.slice(1)]);
      throw new Error('dead-letters list [<service>] | dead-letters replay <service> <group> <key>');
    }
    default:
      console.log(USAGE);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 1;
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(error.message);
  process.exitCode = 1;
}
