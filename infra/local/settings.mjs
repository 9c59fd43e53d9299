// Where the local stack lives and which ports it uses. Every value can be overridden by the
// environment; KAFKA_BROKERS, MONGO_URL and REDIS_URL point at existing servers instead, and
// then that piece is neither installed nor started.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const port = (name, fallback) => Number(process.env[name] ?? fallback);

export const dataDir = path.resolve(process.env.ITSM_DATA_DIR ?? path.join(repoRoot, '.itsm'));
export const paths = {
  repoRoot,
  bin: path.join(dataDir, 'bin'),
  logs: path.join(dataDir, 'logs'),
  run: path.join(dataDir, 'run'),
};

export const ports = {
  kafka: port('ITSM_KAFKA_PORT', 19092),
  kafkaController: port('ITSM_KAFKA_CONTROLLER_PORT', 19093),
  mongo: port('ITSM_MONGO_PORT', 27027),
  postgres: port('ITSM_POSTGRES_PORT', 15432),
  ferretdbDebug: port('ITSM_FERRETDB_DEBUG_PORT', 18088),
  redis: port('ITSM_REDIS_PORT', 16379),
};

export const external = {
  kafka: process.env.KAFKA_BROKERS,
  mongo: process.env.MONGO_URL,
  redis: process.env.REDIS_URL,
};

/** The connection settings every service and test reads. */
export function stackEnv() {
  return {
    KAFKA_BROKERS: external.kafka ?? `127.0.0.1:${ports.kafka}`,
    MONGO_URL: external.mongo ?? `mongodb://127.0.0.1:${ports.mongo}/`,
    REDIS_URL: external.redis ?? `redis://127.0.0.1:${ports.redis}`,
  };
}

export const readyTimeoutMs = Number(process.env.ITSM_READY_TIMEOUT_MS ?? 120_000);
