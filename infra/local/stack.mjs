#!/usr/bin/env node
// The local stack: Kafka, FerretDB and Redis as plain processes on 127.0.0.1, or Kafka, MongoDB 7
// and Redis as containers where a Docker engine answers (or ITSM_STACK=containers): stack-choice.mjs.
//   node infra/local/stack.mjs ensure|start|stop|status|logs|env|kind [postgres|kafka|mongo|redis ...]
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { kafka } from './kafka.mjs';
import { ferretdb } from './ferretdb.mjs';
import { postgres } from './postgres.mjs';
import { redis } from './redis.mjs';
import { logFile, residentKb, runningPid, sleep, stopProcess } from './process.mjs';
import { external, readyTimeoutMs, stackEnv } from './settings.mjs';
import { chooseStack, needsEngineProbe } from './stack-choice.mjs';
import { answeringDockerEndpoint } from './docker-engine.mjs';
import { removeContainers, startContainers } from './containers.mjs';

// FerretDB stores its data in PostgreSQL, so it starts once PostgreSQL answers.
const dependencies = new Map([[ferretdb, [postgres]]]);
export const pieces = [postgres, kafka, ferretdb, redis];

/** processes or containers, from ITSM_STACK and whether a Docker engine answers (said once). */
export async function stackKind(env = process.env) {
  const situation = {
    requested: env.ITSM_STACK,
    allExternal: Boolean(external.kafka && external.mongo && external.redis),
  };
  let engineAnswers;
  if (needsEngineProbe(situation)) {
    const endpoint = await answeringDockerEndpoint(env);
    engineAnswers = Boolean(endpoint);
    // testcontainers looks in fewer places (no Colima, Rancher Desktop): show it the one that answered
    if (endpoint && !env.DOCKER_HOST) process.env.DOCKER_HOST = endpoint;
  }
  return chooseStack({ ...situation, engineAnswers });
}

/** Installs what is missing, starts what is not running, returns once every piece answers. */
export async function ensureStack(requested = pieces) {
  if ((await stackKind()) === 'containers') return ensureContainers(requested);
  const selected = pieces.filter(
    (piece) => requested.includes(piece) || requested.some((r) => dependencies.get(r)?.includes(piece)),
  );
  for (const piece of selected) if (!piece.external) piece.install();
  const started = new Map();
  const ensure = (piece) => {
    if (!started.has(piece)) started.set(piece, startAndWait(piece, ensure));
    return started.get(piece);
  };
  await Promise.all(selected.map(ensure));
  return stackEnv();
}

/** how long a running piece that does not answer is given before it counts as stuck */
const STUCK_AFTER_MS = 15_000;

async function answersWithin(piece, ms) {
  const deadline = Date.now() + ms;
  do {
    if (await piece.ready()) return true;
    await sleep(500);
  } while (Date.now() < deadline);
  return false;
}

// pieces without dependencies boot in parallel
async function startAndWait(piece, ensure) {
  await Promise.all((dependencies.get(piece) ?? []).map(ensure));
  if (
    piece.restartWhenStuck &&
    !piece.external &&
    runningPid(piece.name) &&
    !(await answersWithin(piece, STUCK_AFTER_MS))
  ) {
    console.log(`[${piece.name}] running but not answering for ${STUCK_AFTER_MS / 1000} s: restarting it`);
    await stopProcess(piece.name);
  }
  if (!piece.external && !runningPid(piece.name) && !(await piece.ready())) {
    piece.start();
    console.log(`[${piece.name}] starting, log: ${logFile(piece.name)}`);
  }
  await waitUntilReady(piece);
  if (!piece.external) await piece.afterReady?.();
}

// PostgreSQL is FerretDB's store: with a real MongoDB it is not needed
async function ensureContainers(requested) {
  const wanted = requested.filter((piece) => piece !== postgres && !piece.external);
  await startContainers(wanted.map((piece) => piece.name));
  await Promise.all(requested.filter((piece) => piece !== postgres).map((piece) => waitUntilReady(piece, false)));
  return stackEnv();
}

export async function stopStack(selected = pieces) {
  if ((await stackKind()) === 'containers') return removeContainers(selected.map((piece) => piece.name));
  // dependants first: FerretDB before PostgreSQL
  for (const piece of [...selected].reverse()) {
    if (await stopProcess(piece.name)) console.log(`[${piece.name}] stopped`);
  }
}

async function waitUntilReady(piece, asProcess = true) {
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (await piece.ready()) {
      console.log(`[${piece.name}] ready at ${piece.endpoint()}${piece.external ? ' (external)' : ''}`);
      return;
    }
    if (asProcess && !piece.external && !runningPid(piece.name)) {
      throw new Error(`[${piece.name}] exited while starting; see ${logFile(piece.name)}`);
    }
    await sleep(500);
  }
  const where = piece.external
    ? `the external server ${piece.endpoint()}`
    : asProcess
      ? `see ${logFile(piece.name)}`
      : `see its container's log (docker ps --filter label=org.itsm.stack.piece=${piece.name})`;
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
    console.log(`${piece.name.padEnd(8)} ${up ? 'up  ' : 'DOWN'} ${piece.endpoint()} (${owner}${memory})`);
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
    case 'kind':
      console.log(await stackKind());
      return;
    case 'env':
      for (const [key, value] of Object.entries(stackEnv())) console.log(`export ${key}=${value}`);
      return;
    default:
      throw new Error(`unknown command ${command}; use ensure, start, stop, status, logs, env or kind`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
