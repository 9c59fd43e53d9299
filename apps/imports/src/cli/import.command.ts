import { createReadStream } from 'node:fs';
import { constants } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { Command } from 'commander';
import { ENDED, ImportClient, type Credentials, type RunView } from './import-client';

interface ImportOptions {
  model: string;
  file: string;
  dryRun?: boolean;
  entity?: string;
  url: string;
  importsUrl?: string;
  identityUrl?: string;
  failed?: string;
  quiet?: boolean;
}

const POLL_MS = 500;

/**
 * `npm run import -- --model "Ordinateurs" --file parc.csv [--dry-run] [--entity <id>]`: uploads
 * the file, follows the run with a progress bar, prints its summary and writes the failed lines
 * beside the file. Exit code 0 when every line passed, 1 when lines failed, 2 when the run did not
 * finish (refused, failed, cancelled).
 */
export function importProgram(env: NodeJS.ProcessEnv, cwd: string): Command {
  return new Command('import')
    .description('Imports a CSV file into the platform with a Data Injection model')
    .requiredOption('--model <name>', 'the model, by name or id')
    .requiredOption('--file <path>', 'the CSV file')
    .option('--dry-run', 'check every line and report what it would do, writing nothing')
    .option('--entity <id>', 'the entity to import into (default: your current entity)')
    .option('--url <url>', 'the platform (its gateway), or ITSM_URL', env.ITSM_URL ?? 'http://127.0.0.1:3000')
    .option('--imports-url <url>', 'the imports service itself, instead of through the gateway')
    .option('--identity-url <url>', 'the identity service itself, instead of through the gateway')
    .option('--failed <path>', 'where to write the failed lines (default: <file>.failed.csv)')
    .option('--quiet', 'no progress bar')
    .showHelpAfterError()
    .exitOverride()
    .action(async (options: ImportOptions) => {
      process.exitCode = await importFile({ ...options, file: path.resolve(cwd, options.file) }, credentialsOf(env));
    });
}

/** ITSM_TOKEN, or ITSM_LOGIN with ITSM_PASSWORD (signed in again when the token nears its end). */
function credentialsOf(env: NodeJS.ProcessEnv): Credentials {
  if (env.ITSM_TOKEN) return { token: env.ITSM_TOKEN };
  if (env.ITSM_LOGIN && env.ITSM_PASSWORD) return { login: env.ITSM_LOGIN, password: env.ITSM_PASSWORD };
  throw new Error('sign in with ITSM_TOKEN, or ITSM_LOGIN and ITSM_PASSWORD');
}

async function importFile(options: ImportOptions, credentials: Credentials): Promise<number> {
  // before anything is asked of the platform
  await access(options.file, constants.R_OK).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read ${options.file} (${error.code})`);
  });
  const client = new ImportClient(
    {
      importsApi: options.importsUrl ? `${options.importsUrl}/api` : `${options.url}/api/imports`,
      identityApi: options.identityUrl ? `${options.identityUrl}/api` : `${options.url}/api/identity`,
    },
    credentials,
  );
  const modelId = await client.modelId(options.model);
  const started = await client.start(modelId, options.file, {
    dryRun: options.dryRun ?? false,
    entityId: options.entity,
  });
  // the platform counts records as CSV reads them (a quoted newline is no line); newlines otherwise
  const lines = started.progress.linesTotal ?? (await dataLinesOf(options.file));
  console.log(`run ${started.runId}${options.dryRun ? ' (dry run)' : ''}: ${lines} lines`);
  const run = await follow(client, started.runId, lines, options.quiet ?? false);
  return report(client, run, options);
}

/** Polls the run until it ends, the bar showing lines answered and lines per second. */
async function follow(client: ImportClient, runId: string, lines: number, quiet: boolean): Promise<RunView> {
  const bar = new SingleBar(
    { format: ' {bar} {percentage}% | {value}/{total} lines | {speed} lines/s | ETA {eta}s | {status}' },
    Presets.shades_classic,
  );
  if (!quiet) bar.start(lines, 0, { speed: 0, status: 'queued' });
  try {
    for (;;) {
      const run = await client.run(runId);
      const done = run.progress.linesDone;
      if (!quiet) {
        if (done > lines) bar.setTotal(done); // more records than newlines said: quoted newlines, a missing last one
        bar.update(done, { speed: run.progress.linesPerSecond, status: run.status });
      }
      if (ENDED.has(run.status)) return run;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    if (!quiet) bar.stop();
  }
}

async function report(client: ImportClient, run: RunView, options: ImportOptions): Promise<number> {
  if (run.status !== 'finished') {
    console.error(`run ${run.runId} ${run.status}${run.reason ? `: ${run.reason}` : ''}`);
    return 2;
  }
  const counts = run.counts ?? { succeeded: 0, warnings: 0, failed: 0 };
  console.log(
    `run ${run.runId} finished: ${counts.succeeded} ${options.dryRun ? 'would pass' : 'passed'} ` +
      `(${counts.warnings} with a warning), ${counts.failed} failed, ${run.progress.linesPerSecond} lines/s`,
  );
  if (counts.failed === 0) return 0;
  const failedFile = path.resolve(options.failed ?? `${options.file.replace(/\.csv$/i, '')}.failed.csv`);
  await writeFile(failedFile, await client.failedLines(run.runId));
  console.log(`failed lines, with their reason: ${failedFile}`);
  return 1;
}

/** The file's lines but the header, counted as newlines (a cell holding newlines counts more). */
async function dataLinesOf(file: string): Promise<number> {
  let newlines = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) newlines++;
    last = chunk.at(-1) ?? last;
  }
  return Math.max(0, newlines + (last === 0x0a ? 0 : 1) - 1);
}
