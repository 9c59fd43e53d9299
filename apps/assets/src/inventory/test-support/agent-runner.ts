import { execFile, spawnSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repository = path.resolve(__dirname, '../../../../..');

/** Debian's FusionInventory agent, installed by the project's script when missing (once per machine). */
export function ensureFusionInventoryAgent(): void {
  const installed = spawnSync('node', [path.join(repository, 'infra/local/fusioninventory.mjs')], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (installed.status !== 0) throw new Error(`fusioninventory-agent could not be installed:\n${installed.stderr}`);
}

/**
 * One run of the real agent against a server URL (its device id, kept in its state directory,
 * stays the same from run to run). Asynchronous: the service answering it may run in this very
 * process. Processes, environment and user names are never collected.
 */
export async function runFusionInventoryAgent(serverUrl: string, extra: string[] = []): Promise<string> {
  const { stdout, stderr } = await run(
    'fusioninventory-agent',
    [
      '--server',
      serverUrl,
      '--no-category=process,environment,user,local_user,local_group',
      '--no-httpd',
      '--tag',
      'e2e',
      ...extra,
    ],
    { timeout: 120_000 },
  );
  return `${stdout}${stderr}`;
}
