#!/usr/bin/env node
// The local stack: Kafka, FerretDB and Redis as plain processes on 127.0.0.1.
//   node infra/local/stack.mjs ensure|start|stop|status|logs|env [kafka|mongo|redis ...]
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { kafka } from './kafka.mjs';
import { ferretdb } from './ferretdb.mjs';
import { redis } from './redis.mjs';
import { logFile, residentKb, runningPid, sleep, stopProcess } from './process.mjs';
import { readyTimeoutMs, stackEnv } from './settings.mjs';

export const pieces = [kafka, ferretdb, redis];

/** Installs what is missing, starts what is not running, returns once every piece answers. */
export async function ensureStack(selected = pieces) {
  for (const piece of selected) if (!piece.external) piece.install();
  // start all first, then wait: the three boot in parallel
  for (const piece of selected) {
    if (piece.external || runningPid(piece.name) || (await piece.ready())) continue;
    piece.start();
    console.log(`[${piece.name}] starting, log: ${logFile(piece.name)}`);
  }
  await Promise.all(selected.map(waitUntilReady));
  return stackEnv();
}

export async function stopStack(selected = pieces) {
  for (const piece of selected) {
    if (await stopProcess(piece.name)) console.log(`[${piece.name}] stopped`);
  }
}

async function waitUntilReady(piece) {
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (await piece.ready()) {
      console.log(`[${piece.name}] ready at ${piece.endpoint()}${piece.external ? ' (external)' : ''}`);
      return;
    }
    if (!piece.external && !runningPid(piece.name)) {
      throw new Error(`[${piece.name}] exited while starting; see ${logFile(piece.name)}`);
    }
    await sleep(500);
  }
  const where = piece.external ? `the external server ${piece.endpoint()}` : `see ${logFile(piece.name)}`;
  throw new Error(`[${piece.name}] did not answer within ${readyTimeoutMs / 1000}s; ${where}`);
}

async function status(selected) {
  let allUp = true;
  for (const piece of selected) {
    const pid = runningPid(piece.name);
    const up = await piece.ready();
    allUp &&= up;
    const memory = pid ? `, ${Math.round(residentKb(pid) / 1024)} MiB resident` : '';
    const owner = piece.external ? 'external' : pid ? `pid ${pid}` : 'not running';
    console.log(`${piece.name.padEnd(6)} ${up ? 'up  ' : 'DOWN'} ${piece.endpoint()} (${owner}${memory})`);
  }
  return allUp;
}

async function main([command = 'status', ...names]) {
  const selected = names.length ? pieces.filter((piece) => names.includes(piece.name)) : pieces;
  if (names.length && selected.length !== names.length) {
    throw new Error(`unknown piece in ${names.join(', ')}; pieces: ${pieces.map((p) => p.name).join(', ')}`);
  }
  switch (command) {
    case 'ensure':
    case 'start':
      await ensureStack(selected);
      return;
    case 'stop':
      await stopStack(selected);
      return;
    case 'status':
      process.exitCode = (await status(selected)) ? 0 : 1;
      return;
    case 'logs':
      for (const piece of selected) {
        const file = logFile(piece.name);
        console.log(`==> ${file} <==`);
        if (fs.existsSync(file)) console.log(fs.readFileSync(file, 'utf8').split('\n').slice(-40).join('\n'));
      }
      return;
    case 'env':
      for (const [key, value] of Object.entries(stackEnv())) console.log(`export ${key}=${value}`);
      return;
    default:
      throw new Error(`unknown command ${command}; use ensure, start, stop, status, logs or env`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
