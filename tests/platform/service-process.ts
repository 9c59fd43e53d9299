import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort, type ManagedIsolatedStack } from '@itsm/testing';

export interface ServiceProcess {
  url: string;
  stop(): Promise<void>;
  /** sends SIGKILL (a node lost, an out-of-memory kill): nothing of the process runs after it */
  kill(): Promise<void>;
  /** sends SIGTERM, as Kubernetes does, and tells how the process ended and how long it took */
  terminate(): Promise<{ code: number | null; signal: NodeJS.Signals | null; elapsedMs: number }>;
}

const repoRoot = path.resolve(__dirname, '../..');

async function untilReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`service exited (${child.exitCode}): ${log()}`);
    const ready = await fetch(`${url}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`service at ${url} not ready within 60 s: ${log()}`);
}

/**
 * A built service (`apps/<name>/dist/main.js`) as its own process on the test file's slice, the
 * way it runs in production: the platform tests see services only through HTTP and Kafka.
 */
export async function startService(
  stack: ManagedIsolatedStack,
  name: string,
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(repoRoot, 'apps', name, 'dist', 'main.js')], {
    env: {
      ...process.env,
      ...stack.envFor(name),
      SERVICE_NAME: `${name}-${stack.dbName}`,
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
  const ended = () => child.exitCode !== null || child.signalCode !== null;
  const stop = async () => {
    if (ended()) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    // unref: a service that stopped in time must not keep the test process waiting for the timer
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    if (!ended()) child.kill('SIGKILL');
  };
  const terminate = async () => {
    const started = Date.now();
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.once('exit', (code, signal) => resolve([code, signal])),
    );
    child.kill('SIGTERM');
    const [code, signal] = await exited;
    return { code, signal, elapsedMs: Date.now() - started };
  };
  const kill = async () => {
    if (ended()) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  stack.onTeardown(stop);
  const url = `http://127.0.0.1:${port}`;
  await untilReady(url, child, () => errors);
  return { url, stop, kill, terminate };
}
