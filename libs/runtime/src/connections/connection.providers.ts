// kafkajs warns at every producer about a default it changed in 2.0; ours is chosen on purpose
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';

import type { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { FetchWaitKafka, type KafkaConnection } from '@itsm/messaging';
import { logLevel } from 'kafkajs';
import { pino } from 'pino';
import Redis from 'ioredis';
import mongoose from 'mongoose';
import type { ServiceEnv } from '../config/service-env';
import { KAFKA, KAFKA_CONNECTION, MONGO_CONNECTION, RATE_LIMIT_REDIS, REDIS } from './tokens';

type Config = ConfigService<ServiceEnv, true>;

/** kafkajs logs as JSON lines through pino, like the rest of the service. */
// answers kafkajs retries by itself (a rebalance, a moved coordinator, a topic another process has just
// created, a transaction still closing) are no one's error: what it finally gives up on is thrown and
// logged by our code
const ROUTINE_BROKER_ANSWERS = new RegExp(
  [
    'group is rebalancing',
    'does not host this topic-partition',
    'not the leader for that topic-partition',
    'not the correct coordinator',
    'concurrent operation on the same transaction',
    'Topic creation errors',
    // follows a crash line that says why
    '^Restarting the consumer',
  ].join('|'),
);

function kafkaLogCreator(name: string, level: string) {
  const logger = pino({ name: `${name}.kafkajs`, level });
  const methods = {
    [logLevel.ERROR]: 'error',
    [logLevel.WARN]: 'warn',
    [logLevel.INFO]: 'info',
    [logLevel.DEBUG]: 'debug',
  } as const;
  return () =>
    ({ level, log }: { level: logLevel; log: { message: string } & Record<string, unknown> }) => {
      const { message, ...fields } = log;
      const said = typeof log.error === 'string' ? `${message}\n${log.error}` : message;
      const method = ROUTINE_BROKER_ANSWERS.test(said) ? 'debug' : (methods[level as keyof typeof methods] ?? 'info');
      logger[method](fields, message);
    };
}

// None of these waits for its server: a service boots with a dependency down and says so on
// /health/ready instead of crash-looping.
export const connectionProviders: Provider[] = [
  {
    provide: MONGO_CONNECTION,
    inject: [ConfigService],
    useFactory: (config: Config) => {
      const connection = mongoose.createConnection(config.get('MONGO_URL'), {
        dbName: config.get('MONGO_DB'),
        serverSelectionTimeoutMS: 5000,
        // bounded so that FerretDB's PostgreSQL pool is never exhausted (it deadlocks, see README)
        maxPoolSize: config.get('MONGO_MAX_POOL_SIZE'),
      });
      connection.on('error', () => undefined); // reported by the readiness check
      return connection;
    },
  },
  {
    provide: KAFKA,
    inject: [ConfigService, KAFKA_CONNECTION],
    useFactory: (config: Config, connection: KafkaConnection) =>
      new FetchWaitKafka(
        {
          clientId: config.get('SERVICE_NAME'),
          ...connection,
          logLevel: logLevel.WARN,
          logCreator: kafkaLogCreator(config.get('SERVICE_NAME'), config.get('LOG_LEVEL')),
          connectionTimeout: 2000,
        },
        config.get('KAFKA_FETCH_MAX_WAIT_MS'),
      ),
  },
  {
    provide: REDIS,
    inject: [ConfigService],
    useFactory: (config: Config) => {
      // BullMQ requires maxRetriesPerRequest: null on the connections it uses
      const redis = new Redis(config.get('REDIS_URL'), { maxRetriesPerRequest: null, lazyConnect: false });
      redis.on('error', () => undefined); // reported by the readiness check
      return redis;
    },
  },
  {
    provide: RATE_LIMIT_REDIS,
    inject: [ConfigService],
    useFactory: (config: Config) => {
      // no offline queue and a short timeout: a request checked while Redis is away is let
      // through at once (fail open) instead of waiting for it with the queues' connection
      const redis = new Redis(config.get('REDIS_URL'), {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: 500,
      });
      redis.on('error', () => undefined); // said once by the rate limits, checked by readiness
      return redis;
    },
  },
];
