#!/usr/bin/env node
// Debian's FusionInventory agent 2.6: the real client the assets service's inventory tests and
// fixtures run against. Installed once, quietly, like Redis.
//   node infra/local/fusioninventory.mjs        installs it if missing, prints its path
import { pathToFileURL } from 'node:url';
import { aptInstall } from './apt.mjs';
import { commandExists } from './process.mjs';

export const fusionInventoryAgent = 'fusioninventory-agent';

export function ensureFusionInventoryAgent() {
  if (commandExists(fusionInventoryAgent)) return;
  console.log('[fusioninventory-agent] installing from Debian packages (first run only)');
  aptInstall([fusionInventoryAgent]);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureFusionInventoryAgent();
  console.log(`[fusioninventory-agent] ready`);
}
