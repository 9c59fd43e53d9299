// Background processes of the local stack: a pid file and a log file per piece.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { paths } from './settings.mjs';

export const logFile = (name) => path.join(paths.logs, `${name}.log`);
const pidFile = (name) => path.join(paths.run, `${name}.pid`);

export function runningPid(name) {
  const file = pidFile(name);
  if (!fs.existsSync(file)) return undefined;
  const pid = Number(fs.readFileSync(file, 'utf8'));
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    fs.rmSync(file, { force: true });
    return undefined;
  }
}

export function spawnDetached(name, command, args, options = {}) {
  fs.mkdirSync(paths.logs, { recursive: true });
  fs.mkdirSync(paths.run, { recursive: true });
  const out = fs.openSync(logFile(name), 'a');
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  fs.writeFileSync(pidFile(name), String(child.pid));
  child.unref();
  return child.pid;
}

export async function stopProcess(name, graceMs = 20_000) {
  const pid = runningPid(name);
  if (!pid) return false;
  signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && isAlive(pid)) await sleep(200);
  if (isAlive(pid)) signal(pid, 'SIGKILL');
  fs.rmSync(pidFile(name), { force: true });
  return true;
}

/** Resident memory (kB) of a process and its children, from /proc. */
export function residentKb(pid) {
  const tree = spawnSync('ps', ['-o', 'rss=', '--ppid', String(pid), '-p', String(pid)], { encoding: 'utf8' });
  return tree.stdout.split('\n').reduce((sum, line) => sum + (Number(line.trim()) || 0), 0);
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
  }
}

export function commandExists(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signal(pid, sig) {
  try {
    process.kill(-pid, sig); // the whole process group: Kafka's JVM, FerretDB, redis
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      /* already gone */
    }
  }
}
