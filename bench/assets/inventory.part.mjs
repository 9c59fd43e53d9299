// Agent inventories over HTTP (issue 14, item 10): POST /inventory with a realistic ~250 KB
// FusionInventory inventory (the real agent's fixture, more software), zlib-compressed as the
// agent sends it, at concurrency 1 and 16: first inventories of new computers, unchanged
// re-inventories, and re-inventories with five software changes; next to a same-run baseline
// that only inflates and parses the same bodies (no HTTP, no store).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { distribution, round, sleep } from '../stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const fixture = fs.readFileSync(
  path.join(here, '../../apps/assets/src/inventory/fixtures/fusioninventory-2.6-debian12.xml'),
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

const DRAIN_TIMEOUT_MS = 300_000;

/** The largest of a metric's samples in a Prometheus text page (-1: none). */
const maxOf = (page, name) =>
  Math.max(-1, ...[...page.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))].map((m) => Number(m[1])));

/**
 * Until the service's outbox is relayed and its consumers (read models, installations, reactors)
 * have caught up (within one event): an agent is answered once its events are stored, the rest follows. Each phase
 * starts on a drained service, and says how long its writes took to follow (null: not within the
 * timeout).
 */
async function drained(serviceUrl) {
  const started = performance.now();
  while (performance.now() - started < DRAIN_TIMEOUT_MS) {
    const page = await fetch(`${serviceUrl}/metrics`)
      .then((answer) => answer.text())
      .catch(() => '');
    // a reactor's group may show a lag of one until its next event (its last offset not committed yet)
    if (page && maxOf(page, 'itsm_consumer_lag') <= 1 && maxOf(page, 'itsm_outbox_pending_commits') <= 0) {
      return round((performance.now() - started) / 1000, 1);
    }
    await sleep(500);
  }
  return null;
}

/** `concurrency` agents posting for `seconds`, each the body `bodyOf(i)` gives its i-th post. */
async function phase(url, concurrency, seconds, bodyOf, writes) {
  const before = writes();
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
  // the service's own URL: the inventory path's prefix off
  const followedWithinSeconds = await drained(url.replace(/\/inventory$/, ''));
  return {
    concurrency,
    inventoriesPerSecond: round(latencies.length / elapsed, 1),
    failures,
    latencyMs: distribution(latencies),
    followedWithinSeconds,
    ...(before ? { databasePerInventory: await writesPer(before, writes, latencies.length) } : {}),
  };
}

/** What the service sent the database for one inventory of the phase, per collection (its counter's totals, after). */
async function writesPer(before, writes, inventories) {
  await sleep(1_000); // the counter writes its totals every half second
  const after = writes();
  const per = (value) => round(value / inventories, 1);
  const collections = {};
  const total = { documents: 0, kb: 0 };
  for (const [name, counts] of Object.entries(after)) {
    const was = before[name] ?? {};
    const delta = Object.fromEntries(Object.entries(counts).map(([key, value]) => [key, value - (was[key] ?? 0)]));
    if (delta.commands === 0) continue;
    const documents = delta.inserted + delta.updated + delta.deleted;
    collections[name] = {
      commands: per(delta.commands),
      inserted: per(delta.inserted),
      updated: per(delta.updated),
      deleted: per(delta.deleted),
      reads: per(delta.reads),
      kb: per(delta.bytes / 1024),
    };
    total.documents += documents / inventories;
    total.kb += delta.bytes / 1024 / inventories;
  }
  return { documentsWritten: round(total.documents, 1), kbWritten: round(total.kb, 1), collections };
}

/** The same bodies inflated and parsed (the service's own code), in this process: the ceiling. */
function parseOnly(bodies, seconds) {
  const { decodeBody } = require('../../apps/assets/dist/inventory/domain/body-encoding.js');
  const { readAgentMessage } = require('../../apps/assets/dist/inventory/domain/agent-message.js');
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

/** Agents posting to one service, the computers it knows counted as they come. */
function agentsOf(url, firstBody, firstBodies, prepared, writes) {
  let computer = 0;
  let known = 0;
  let changes = 0;
  let rounds;
  return {
    first: (concurrency) => phase(url, concurrency, SECONDS, () => firstBody(computer++), writes),
    unchanged: (concurrency) => {
      known ||= computer;
      return phase(url, concurrency, SECONDS, (i) => firstBodies[i % known], writes);
    },
    // five packages move to another version at each round over the known computers
    changed: (concurrency) => {
      rounds ??= [prepared(0, known, 1), prepared(0, known, 2)];
      return phase(url, concurrency, SECONDS, () => rounds[Math.floor(changes / known) % 2][changes++ % known], writes);
    },
  };
}

const KINDS = { firstInventories: 'first', unchangedReinventories: 'unchanged', fiveSoftwareChanges: 'changed' };

/**
 * The part of `npm run bench -- assets` for agent inventories, on the started service; with a
 * `compared` service (another build), each phase runs on one then the other, on the same bodies.
 */
export async function inventoryPart({ url: serviceUrl, writes, compared }) {
  const sample = inventoryOf(0);
  const body = { xmlBytes: sample.length, zlibBytes: deflateSync(sample).length, software: 773 + extraCount };
  // bodies prepared before each phase: the bench measures the service, not the body making
  const prepared = (from, count, variant) =>
    Array.from({ length: count }, (_, i) => deflateSync(inventoryOf(from + i, variant)));
  const firstBodies = prepared(0, 1500, 0);
  // more computers than prepared (a fast run): made as they are asked for
  const firstBody = (n) => firstBodies[n] ?? (firstBodies[n] = deflateSync(inventoryOf(n, 0)));
  const services = { measured: { url: serviceUrl, writes }, ...(compared ? { compared } : {}) };
  const agents = Object.fromEntries(
    Object.entries(services).map(([name, service]) => [
      name,
      agentsOf(`${service.url}/inventory`, firstBody, firstBodies, prepared, service.writes),
    ]),
  );
  const results = Object.fromEntries(Object.keys(services).map((name) => [name, {}]));
  let baseline;
  let turn = 0;
  for (const [figure, kind] of Object.entries(KINDS)) {
    // the ceiling, measured on drained services next to the figure compared with it
    if (kind === 'unchanged') baseline = parseOnly(firstBodies.slice(0, 200), SECONDS);
    for (const concurrency of [1, 16]) {
      // each service goes first every other phase: a phase finds the database still busy with
      // what the phase before it wrote (PostgreSQL's own work goes on after the service drained)
      const names = Object.keys(services);
      for (const name of turn++ % 2 === 0 ? names : names.reverse()) {
        results[name][figure] ??= {};
        results[name][figure][`concurrency${concurrency}`] = await agents[name][kind](concurrency);
      }
    }
  }
  const withRatio = (figures) => ({
    ...figures,
    unchangedVersusParseOnly: round(
      figures.unchangedReinventories.concurrency16.inventoriesPerSecond / baseline.parsesPerSecond,
      2,
    ),
  });
  return {
    body,
    seconds: SECONDS,
    parseOnlyBaseline: baseline,
    ...withRatio(results.measured),
    ...(compared ? { compared: withRatio(results.compared) } : {}),
  };
}
