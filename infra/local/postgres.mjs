// PostgreSQL from Debian's packages: FerretDB's storage backend (see ferretdb.mjs for why not SQLite).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataDir, external, ports } from './settings.mjs';
import { commandExists, run, spawnDetached } from './process.mjs';
import { aptInstall } from './apt.mjs';

const database = 'ferretdb';
const asRoot = process.getuid?.() === 0;
// As root the server runs as `postgres`, which may not reach into the checkout (a home folder, say):
// its files then live in a folder of their own under /var/tmp, one per checkout.
const home = asRoot
  ? path.join('/var/tmp', `itsm-postgres-${createHash('sha1').update(dataDir).digest('hex').slice(0, 10)}`)
  : path.join(dataDir, 'postgres');
const data = path.join(home, 'data');

function serverBin(name) {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => path.join(root, v, 'bin', name)).find((file) => fs.existsSync(file));
  if (!found) throw new Error(`PostgreSQL's ${name} not found under ${root}`);
  return found;
}

// PostgreSQL refuses to run as root: as root, run it as Debian's `postgres` user
const asServerUser = (command, args) =>
  asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];

// pgx pool: some FerretDB requests hold two connections; clients keep their pools well below this
export const postgresUrl = () => `postgres://postgres@127.0.0.1:${ports.postgres}/${database}?pool_max_conns=120`;

export const postgres = {
  name: 'postgres',
  external: Boolean(external.mongo), // with an external MongoDB, neither FerretDB nor its backend runs
  endpoint: () => `127.0.0.1:${ports.postgres}`,
  ready: async () =>
    spawnSync('pg_isready', ['-q', '-h', '127.0.0.1', '-p', String(ports.postgres), '-d', database]).status === 0,

  install() {
    if (!fs.existsSync('/usr/lib/postgresql') || !commandExists('pg_isready') || !hasServer()) {
      console.log('[postgres] installing postgresql from Debian packages (first run only)');
      aptInstall(['postgresql']);
    }
    if (fs.existsSync(path.join(data, 'PG_VERSION'))) return;
    fs.mkdirSync(data, { recursive: true });
    if (asRoot) run('chown', ['-R', 'postgres:postgres', home]);
    const [command, args] = asServerUser(serverBin('initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
    ]);
    run(command, args, { stdio: 'ignore' });
  },

  start() {
    const [command, args] = asServerUser(serverBin('postgres'), [
      '-D',
      data,
      '-h',
      '127.0.0.1',
      '-p',
      String(ports.postgres),
      '-k',
      home, // the Unix socket stays inside the data folder
      '-c',
      'synchronous_commit=off', // a local dev/test server: lose the last few ms on a crash, never corrupt
      '-c',
      'max_connections=200',
      '-c',
      'shared_buffers=128MB',
    ]);
    return spawnDetached('postgres', command, args);
  },

  /** FerretDB needs its database to exist. */
  async afterReady() {
    const exists = spawnSync(
      'psql',
      ['-h', '127.0.0.1', '-p', String(ports.postgres), '-U', 'postgres', '-d', database, '-c', 'select 1'],
      {
        stdio: 'ignore',
      },
    );
    if (exists.status !== 0)
      run('createdb', ['-h', '127.0.0.1', '-p', String(ports.postgres), '-U', 'postgres', database]);
    // GIN twins of FerretDB's indexes, so that its filters use an index (see the SQL file)
    const twins = path.join(path.dirname(fileURLToPath(import.meta.url)), 'postgres-containment-indexes.sql');
    run('psql', [
      '-h',
      '127.0.0.1',
      '-p',
      String(ports.postgres),
      '-U',
      'postgres',
      '-d',
      database,
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-f',
      twins,
    ]);
  },
};

function hasServer() {
  try {
    serverBin('postgres');
    return true;
  } catch {
    return false;
  }
}
