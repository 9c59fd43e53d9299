#!/usr/bin/env node
// `npm run bench -- <name>`: ensures the local stack, builds, runs bench/<name>.bench.mjs and
// prints its JSON; the result is also written to bench/results/<name>.json with the machine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../infra/local/process.mjs';
import { ensureStack } from '../infra/local/stack.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const available = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .map((f) => f.replace('.bench.mjs', ''));
const name = process.argv[2];
if (!available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}>`);
  process.exit(2);
}

const env = await ensureStack();
Object.assign(process.env, env);
run('npx', ['tsc', '-b', 'tsconfig.build.json'], { cwd: path.join(here, '..') });
const bench = await import(`./${name}.bench.mjs`);
const result = {
  benchmark: name,
  at: new Date().toISOString(),
  machine: `${os.cpus().length} cores (${os.cpus()[0]?.model}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; local stack: FerretDB 1.24.2 on PostgreSQL, Kafka 3.9.1 (KRaft, one node), all on loopback`,
  ...(await bench.default(env)),
};
const json = JSON.stringify(result, null, 2);
console.log(json);
fs.writeFileSync(path.join(here, 'results', `${name}.json`), `${json}\n`);
process.exit(0);
