// What the service benchmarks share: a signing key of their own, the environment of a service
// on a fresh database, topic prefix and Redis prefix, and its shutdown.
import { generateKeyPairSync } from 'node:crypto';
import { sleep } from './stats.mjs';

export function rsaKeys() {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

/** `name` and the run's time keep every bench run apart on the shared stack. */
export function benchServiceEnv(env, { name, run, port, publicKey, extra = {} }) {
  return {
    ...process.env,
    ...env,
    PORT: String(port),
    MONGO_DB: `bench_${name}_${run}`,
    KAFKA_TOPIC_PREFIX: `bench-${name}-${run}.`,
    REDIS_KEY_PREFIX: `bench-${name}-${run}:`,
    JWT_PUBLIC_KEYS: publicKey,
    LOG_LEVEL: 'warn',
    // one address and a few users at full speed: the limits are counted (their cost is measured)
    // but never reached
    RATE_LIMIT_READ_PER_CALLER: '100000000',
    RATE_LIMIT_READ_PER_ADDRESS: '100000000',
    RATE_LIMIT_WRITE_PER_CALLER: '100000000',
    RATE_LIMIT_WRITE_PER_ADDRESS: '100000000',
    RATE_LIMIT_LOGIN_PER_ADDRESS: '100000000',
    ...extra,
  };
}

/** SIGTERM, then SIGKILL when the process has not exited after `graceMs`. */
export async function stopService(child, graceMs = 15_000) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  if (await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)])) return;
  child.kill('SIGKILL');
  await exited;
}

/** Until the service's in-memory read index `feed` answers (its `itsm_read_index_ready` metric says so). */
export async function untilIndexReady(url, feed, timeoutMs = 600_000) {
  const ready = new RegExp(`itsm_read_index_ready\\{feed="${feed}"[^}]*\\} 1`);
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(500)) {
    const metrics = await fetch(`${url}/metrics`)
      .then((answer) => answer.text())
      .catch(() => '');
    if (ready.test(metrics)) return;
  }
  throw new Error(`the ${feed} index was not ready in ${timeoutMs} ms`);
}
