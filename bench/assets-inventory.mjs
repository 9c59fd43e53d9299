// Agent inventories over HTTP (issue 14, item 10): POST /inventory with a realistic ~250 KB
// FusionInventory inventory (the real agent's fixture, more software), zlib-compressed as the
// agent sends it, at concurrency 1 and 16: first inventories of new computers, unchanged
// re-inventories, and re-inventories with five software changes; next to a same-run baseline
// that only inflates and parses the same bodies (no HTTP, no store).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { benchServiceEnv, stopService } from './bench-service.mjs';
import { distribution, round, sleep } from './stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const PORT = Number(process.env.BENCH_ASSETS_INVENTORY_PORT ?? 3914);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const fixture = fs.readFileSync(
  path.join(here, '../apps/assets/src/inventory/fixtures/fusioninventory-2.6-debian12.xml'),
  'utf8',
);
const TARGET_BYTES = 250 * 1024;

/** Extra packages, so that the inventory weighs about 250 KB like a desktop's. */
function extraSoftware(count, variant) {
  return Array.from(
    { length: count },
    (_, i) =>
      `    <SOFTWARES>\n      <ARCH>amd64</ARCH>\n      <FROM>deb</FROM>\n      <NAME>bench-package-${i}</NAME>\n      <PUBLISHER>Bench Org</PUBLISHER>\n      <VERSION>1.${i < 5 ? variant : 0}.${i}</VERSION>\n    </SOFTWARES>\n`,
  ).join('');
}

const extraCount = Math.max(0, Math.ceil((TARGET_BYTES - fixture.length) / 170));

/** The inventory of computer `n`; `variant` moves the versions of five packages (five upgrades). */
function inventoryOf(n, variant = 0) {
  const hex = n.toString(16).padStart(6, '0');
  const mac = `02:be:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}:01`;
  return fixture
    .replaceAll('vm-2026-12-03-22-46-25', `bench-pc-${n}`)
    .replace('<NAME>vm</NAME>', `<NAME>bench-pc-${n}</NAME>`)
    .replaceAll('02:fc:00:00:00:01', mac)
    .replace('<SSN></SSN>', `<SSN>BENCH-${n}</SSN>`)
    .replace('  </CONTENT>', `${extraSoftware(extraCount, variant)}  </CONTENT>`);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function post(url, body) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/x-compress-zlib', 'content-length': body.length },
    });
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode, ms: performance.now() - started }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** `concurrency` agents posting for `seconds`, each the body `bodyOf(i)` gives its i-th post. */
async function phase(url, concurrency, seconds, bodyOf) {
  let next = 0;
  let failures = 0;
  const latencies = [];
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const { status, ms } = await post(url, bodyOf(next++));
        if (status === 200) latencies.push(ms);
        else failures += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    concurrency,
    inventoriesPerSecond: round(latencies.length / elapsed, 1),
    failures,
    latencyMs: distribution(latencies),
  };
}

/** The same bodies inflated and parsed (the service's own code), in this process: the ceiling. */
function parseOnly(bodies, seconds) {
  const { decodeBody } = require('../apps/assets/dist/inventory/domain/body-encoding.js');
  const { readAgentMessage } = require('../apps/assets/dist/inventory/domain/agent-message.js');
  let done = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  while (performance.now() < deadline) {
    const { text } = decodeBody(bodies[done % bodies.length], 64 * 1024 * 1024);
    readAgentMessage(text);
    done += 1;
  }
  return { parsesPerSecond: round(done / ((performance.now() - started) / 1000), 1) };
}

async function untilReady(url) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${url}/health/ready`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return;
    await sleep(300);
  }
  throw new Error('the assets service did not become ready');
}

export default async function assetsInventoryBench(env) {
  const run = Date.now();
  const serviceEnv = benchServiceEnv(env, {
    name: 'assets_inventory',
    run,
    port: PORT,
    publicKey: 'unused',
    extra: { ASSETS_INVENTORY_PER_ADDRESS: '0' },
  });
  const service = spawn(process.execPath, [path.join(here, '../apps/assets/dist/main.js')], {
    env: serviceEnv,
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${PORT}/inventory`;
  try {
    await untilReady(`http://127.0.0.1:${PORT}`);
    const sample = deflateSync(inventoryOf(0));
    const body = { xmlBytes: inventoryOf(0).length, zlibBytes: sample.length, software: 773 + extraCount };
    // bodies prepared before each phase: the bench measures the service, not the body making
    const prepared = (from, count, variant) =>
      Array.from({ length: count }, (_, i) => deflateSync(inventoryOf(from + i, variant)));
    const firstBodies = prepared(1, 1500, 0);
    const baseline = parseOnly(firstBodies.slice(0, 200), SECONDS);
    let computer = 0;
    const first1 = await phase(url, 1, SECONDS, () => firstBodies[computer++]);
    const first16 = await phase(url, 16, SECONDS, () => firstBodies[computer++]);
    const known = computer;
    const unchanged1 = await phase(url, 1, SECONDS, (i) => firstBodies[i % known]);
    const unchanged16 = await phase(url, 16, SECONDS, (i) => firstBodies[i % known]);
    const changedBodies = (variant) => prepared(1, Math.min(known, 400), variant);
    const [variantA, variantB] = [changedBodies(1), changedBodies(2)];
    const changed1 = await phase(url, 1, SECONDS, (i) =>
      i < variantA.length ? variantA[i] : variantB[i % variantB.length],
    );
    const changed16 = await phase(url, 16, SECONDS, (i) =>
      i < variantB.length ? variantB[i] : variantA[i % variantA.length],
    );
    return {
      inventory: {
        body,
        seconds: SECONDS,
        parseOnlyBaseline: baseline,
        firstInventories: { concurrency1: first1, concurrency16: first16 },
        unchangedReinventories: { concurrency1: unchanged1, concurrency16: unchanged16 },
        fiveSoftwareChanges: { concurrency1: changed1, concurrency16: changed16 },
        unchangedVersusParseOnly: round(unchanged16.inventoriesPerSecond / baseline.parsesPerSecond, 2),
        note: 'the machine (2 cores) is shared with other sessions running builds and tests: ratios to the same-run baseline matter, not absolute rates',
      },
    };
  } finally {
    await stopService(service);
    const { MongoClient } = await import('mongodb');
    const mongo = await MongoClient.connect(env.MONGO_URL);
    await mongo
      .db(serviceEnv.MONGO_DB)
      .dropDatabase()
      .catch(() => undefined);
    await mongo.close();
  }
}
