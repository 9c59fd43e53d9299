// FerretDB 1.24 (MongoDB wire protocol) on its PostgreSQL backend, built from the Go module proxy.
// Its SQLite backend was tried first and dropped: under the kernel's concurrency tests it answered
// SQLITE_BUSY ("database is locked") to concurrent inserts and then died with SIGBUS in SQLite's WAL.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { dataDir, external, paths, ports, stackEnv } from './settings.mjs';
import { commandExists, run, spawnDetached } from './process.mjs';
import { mongoAnswers } from './probes.mjs';
import { postgresUrl } from './postgres.mjs';

const version = 'v1.24.2';
const binary = path.join(paths.bin, 'ferretdb');
const stamp = `${binary}.version`;
const home = path.join(dataDir, 'ferretdb');

export const ferretdb = {
  name: 'mongo',
  // stateless (its data is in PostgreSQL): a FerretDB that holds every pooled connection and answers
  // nothing any more (seen under heavy parallel load) is restarted rather than waited for
  restartWhenStuck: true,
  external: Boolean(external.mongo),
  endpoint: () => stackEnv().MONGO_URL,
  ready: () => mongoAnswers(stackEnv().MONGO_URL),

  install() {
    if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === version) return;
    if (!commandExists('go')) throw new Error('go is required to build FerretDB');
    console.log(`[mongo] building FerretDB ${version} with go (first run only, about 2 minutes)`);
    const download = spawnSync('go', ['mod', 'download', '-json', `github.com/FerretDB/FerretDB@${version}`], {
      encoding: 'utf8',
    });
    if (download.status !== 0) throw new Error(`go mod download failed: ${download.stderr || download.stdout}`);
    const source = path.join(dataDir, 'src', 'ferretdb');
    fs.rmSync(source, { recursive: true, force: true });
    fs.cpSync(JSON.parse(download.stdout).Dir, source, { recursive: true });
    fs.chmodSync(path.join(source, 'build', 'version'), 0o755);
    // the module zip lacks the file FerretDB's release tooling generates; without it the binary panics
    fs.writeFileSync(path.join(source, 'build', 'version', 'version.txt'), version);
    fs.mkdirSync(paths.bin, { recursive: true });
    run('go', ['build', '-o', binary, './cmd/ferretdb'], { cwd: source });
    fs.writeFileSync(stamp, version);
  },

  start() {
    fs.mkdirSync(home, { recursive: true });
    return spawnDetached(
      'mongo',
      binary,
      [
        '--handler=postgresql',
        `--postgresql-url=${postgresUrl()}`,
        `--state-dir=${home}`,
        `--listen-addr=127.0.0.1:${ports.mongo}`,
        `--debug-addr=127.0.0.1:${ports.ferretdbDebug}`,
        '--telemetry=disable',
        '--log-level=warn',
      ],
      {
        // Go collects its garbage once the heap doubles (GOGC=100): FerretDB, whose live heap is
        // small and which allocates for every value it converts, spent a third of its CPU collecting
        // during an import. At 400 it spends ~27% less CPU per document inserted or read
        // (docs/imports.md, "Benchmark"), for a heap of a few hundred MB at most.
        env: { GOGC: process.env.FERRETDB_GOGC ?? '400' },
      },
    );
  },
};
