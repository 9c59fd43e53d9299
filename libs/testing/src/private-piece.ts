import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ManagedIsolatedStack } from './isolated-stack';

/**
 * A piece of the local stack of a test file's own (its data directory and ports), which a fault
 * test may stop and start again: the shared stack, which other tests use meanwhile, is never touched.
 */
export interface PrivatePiece {
  /** KAFKA_BROKERS or REDIS_URL of this piece */
  endpoint: string;
  stop(): Promise<void>;
  /** starts it again on the same data, and returns once it answers */
  start(): Promise<void>;
}

const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '../../..');
const stackScript = path.join(repoRoot, 'infra/local/stack.mjs');
const sharedDataDir = path.resolve(process.env.ITSM_DATA_DIR ?? path.join(repoRoot, '.itsm'));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts Kafka or Redis through `infra/local/stack.mjs` on free ports; stopped and removed with the slice. */
export async function startPrivatePiece(stack: ManagedIsolatedStack, piece: 'kafka' | 'redis'): Promise<PrivatePiece> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `itsm-private-${piece}-`));
  const ports =
    piece === 'kafka'
      ? { ITSM_KAFKA_PORT: await freePort(), ITSM_KAFKA_CONTROLLER_PORT: await freePort() }
      : { ITSM_REDIS_PORT: await freePort() };
  if (piece === 'kafka') {
    // the jars of the shared installation: no second download
    fs.mkdirSync(path.join(dataDir, 'kafka'), { recursive: true });
    fs.symlinkSync(path.join(sharedDataDir, 'kafka', 'libs'), path.join(dataDir, 'kafka', 'libs'));
  }
  // without the shared stack's addresses, which would make the script take them as external servers
  const { KAFKA_BROKERS: _kafka, MONGO_URL: _mongo, REDIS_URL: _redis, ...inherited } = process.env;
  const env = {
    ...inherited,
    ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])),
    ITSM_DATA_DIR: dataDir,
    ITSM_KAFKA_HEAP: '-Xms64m -Xmx256m',
  };
  const stackCommand = (command: 'start' | 'stop') => run(process.execPath, [stackScript, command, piece], { env });
  const started: PrivatePiece = {
    endpoint: piece === 'kafka' ? `127.0.0.1:${ports.ITSM_KAFKA_PORT}` : `redis://127.0.0.1:${ports.ITSM_REDIS_PORT}`,
    start: async () => void (await stackCommand('start')),
    stop: async () => void (await stackCommand('stop')),
  };
  stack.onTeardown(async () => {
    await started.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  await started.start();
  return started;
}
