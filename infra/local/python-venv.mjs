#!/usr/bin/env node
// The Python environment of the examples: a venv under .itsm/ with examples/**/requirements.txt
// installed from PyPI, made again only when a requirements file changes. Prints its python.
//   node infra/local/python-venv.mjs
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { commandExists, run } from './process.mjs';
import { dataDir, paths } from './settings.mjs';

const venv = path.join(dataDir, 'venvs', 'examples');
const python = path.join(venv, 'bin', 'python');
const stamp = path.join(venv, '.requirements.sha256');
const requirements = [path.join(paths.repoRoot, 'examples/tickets-by-category/python/requirements.txt')];

/** Creates or updates the venv when needed; returns the path of its python. */
export function ensureExamplesVenv() {
  const digest = createHash('sha256');
  for (const file of requirements) digest.update(fs.readFileSync(file));
  const wanted = digest.digest('hex');
  if (fs.existsSync(python) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === wanted) return python;
  if (!commandExists('python3'))
    throw new Error('python3 (3.9 or later, with venv) is required for the Python examples');
  console.error(`[python] creating ${venv} with ${requirements.length} requirements file(s) from PyPI`);
  // a venv half made by an interrupted run is made again from scratch
  fs.rmSync(venv, { recursive: true, force: true });
  const quiet = { stdio: ['ignore', 2, 2] };
  run('python3', ['-m', 'venv', venv], quiet);
  run(
    python,
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...requirements.flatMap((file) => ['-r', file])],
    quiet,
  );
  fs.writeFileSync(stamp, wanted);
  return python;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    console.log(ensureExamplesVenv());
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
