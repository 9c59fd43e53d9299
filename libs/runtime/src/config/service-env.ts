import { parseTopicOverrides, SASL_MECHANISMS, type TopicSettings } from '@itsm/messaging';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** The environment every service reads; validated at start, the process refuses to boot otherwise. */
export class ServiceEnv {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: string = 'development';

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT!: number;

  @IsString()
  @IsNotEmpty()
  SERVICE_NAME!: string;

  @Matches(/^mongodb(\+srv)?:\/\//, { message: 'MONGO_URL must be a mongodb:// or mongodb+srv:// URL' })
  MONGO_URL!: string;

  @Matches(/^[A-Za-z0-9_-]{1,63}$/, { message: 'MONGO_DB must be a database name of letters, digits, _ or -' })
  MONGO_DB!: string;

  @IsInt()
  @Min(1)
  @Max(500)
  MONGO_MAX_POOL_SIZE: number = 20;

  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port...]' })
  KAFKA_BROKERS!: string;

  /** `true`: TLS to the brokers (implied by any KAFKA_SSL_*_FILE). */
  @IsIn(['true', 'false'])
  KAFKA_SSL: string = 'false';

  /** PEM files: the CA of the brokers' certificates; the client certificate and key (mTLS). */
  @IsOptional()
  @IsString()
  KAFKA_SSL_CA_FILE?: string;

  @IsOptional()
  @IsString()
  KAFKA_SSL_CERT_FILE?: string;

  @IsOptional()
  @IsString()
  KAFKA_SSL_KEY_FILE?: string;

  @IsOptional()
  @IsIn(SASL_MECHANISMS, { message: `KAFKA_SASL_MECHANISM must be one of ${SASL_MECHANISMS.join(', ')}` })
  KAFKA_SASL_MECHANISM?: string;

  @IsOptional()
  @IsString()
  KAFKA_SASL_USERNAME?: string;

  /** The SASL password, or KAFKA_SASL_PASSWORD_FILE (a mounted Secret). */
  @IsOptional()
  @IsString()
  KAFKA_SASL_PASSWORD?: string;

  @IsOptional()
  @IsString()
  KAFKA_SASL_PASSWORD_FILE?: string;

  /** Prefixes every topic name, so test files and tenants of one cluster never share topics. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]*$/, { message: 'KAFKA_TOPIC_PREFIX may hold letters, digits, ".", "_" and "-"' })
  KAFKA_TOPIC_PREFIX: string = '';

  /**
   * `retention.ms` of the event topics (and their dead-letter topics) the service creates: -1 keeps
   * every event for the platform's life, so any read model can be rebuilt from its topic.
   */
  @IsInt()
  @Min(-1)
  KAFKA_EVENT_RETENTION_MS: number = -1;

  /** Partitions of each topic the service creates (events, commands, dead letters). */
  @IsInt()
  @Min(1)
  @Max(1000)
  KAFKA_TOPIC_PARTITIONS: number = 3;

  /** Copies of each partition of the topics the service creates; -1: the broker's default.replication.factor. */
  @IsInt()
  @Min(-1)
  @Max(10)
  KAFKA_REPLICATION_FACTOR: number = -1;

  /**
   * `retention.ms` of the command topics the service creates (its own `itsm.<service>.commands`
   * and their dead-letter topics): a command is acted on at once, its result kept in Mongo.
   */
  @IsInt()
  @Min(-1)
  KAFKA_COMMAND_RETENTION_MS: number = 604_800_000;

  /**
   * Settings of named topics over the ones above, `<topic>:partitions=12,replication=3,retention.ms=-1;…`
   * with topic names as without KAFKA_TOPIC_PREFIX (`itsm.tickets.events`).
   */
  @IsOptional()
  @IsString()
  KAFKA_TOPIC_OVERRIDES: string = '';

  /**
   * How long the broker may hold a consumer's fetch while there is nothing to read (kafkajs's
   * `maxWaitTimeInMs`). A consumer's stop waits for its fetch under way: tests shorten it so that a
   * service stops in a moment; messages are delivered as they come either way.
   */
  @IsInt()
  @Min(10)
  @Max(60_000)
  KAFKA_FETCH_MAX_WAIT_MS: number = 5000;

  /** Bound of one outbox send before compression; keep it below the event topic's max.message.bytes. */
  @IsInt()
  @Min(10_000)
  OUTBOX_MAX_BATCH_BYTES: number = 900_000;

  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL!: string;

  /** Prefixes every Redis key the service writes (rate limits, queues), like KAFKA_TOPIC_PREFIX. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9:._-]*$/, { message: 'REDIS_KEY_PREFIX may hold letters, digits, ":", ".", "_" and "-"' })
  REDIS_KEY_PREFIX: string = '';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /**
   * Where Prometheus scrapes `/metrics` (no token): unset, on the service's own port; a port
   * number, on that port alone (and not on the service's), so that a network policy or the
   * Service's ports keep it from the public path.
   */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT?: number;

  /** How long a readiness check waits for each dependency. */
  @IsInt()
  @Min(100)
  HEALTH_TIMEOUT_MS: number = 2000;

  /** On SIGTERM, how long requests under way may take to finish before their connections are cut. */
  @IsInt()
  @Min(0)
  @Max(25_000)
  SHUTDOWN_DRAIN_MS: number = 5000;

  /**
   * Which proxies in front of the service are believed about the client's address
   * (X-Forwarded-For): `false` (none, the default), a number of hops, or addresses and subnets
   * (`loopback`, `10.0.0.0/8`, ...). The per-address rate limits count by that address.
   */
  @Matches(/^(true|false|\d{1,2}|[A-Za-z0-9.:/]+( *, *[A-Za-z0-9.:/]+)*)$/, {
    message: 'TRUST_PROXY must be true, false, a number of hops or a comma-separated list of addresses or subnets',
  })
  TRUST_PROXY: string = 'false';

  /**
   * How often a ready replica writes the packed snapshot of its in-memory list indexes (the feeds
   * that keep one: assets), and at a clean stop; 0: never (a snapshot there is still read at start).
   */
  @IsInt()
  @Min(0)
  READ_INDEX_SNAPSHOT_SECONDS: number = 600;

  /** The window every rate limit counts requests in. */
  @IsInt()
  @Min(1)
  @Max(3600)
  RATE_LIMIT_WINDOW_SECONDS: number = 60;

  /** Requests per window of a signed-in caller on the routes that read (GET); 0: no limit. */
  @IsInt()
  @Min(0)
  RATE_LIMIT_READ_PER_CALLER: number = 1200;

  /** Requests per window from one client address on the routes that read; 0: no limit. */
  @IsInt()
  @Min(0)
  RATE_LIMIT_READ_PER_ADDRESS: number = 6000;

  /** Requests per window of a signed-in caller on the routes that write (POST, PATCH, PUT, DELETE). */
  @IsInt()
  @Min(0)
  RATE_LIMIT_WRITE_PER_CALLER: number = 300;

  @IsInt()
  @Min(0)
  RATE_LIMIT_WRITE_PER_ADDRESS: number = 1500;

  /** Sign-in attempts (login, token refresh) per window from one client address. */
  @IsInt()
  @Min(0)
  RATE_LIMIT_LOGIN_PER_ADDRESS: number = 30;
}

type TopicEnv = Pick<
  ServiceEnv,
  | 'KAFKA_EVENT_RETENTION_MS'
  | 'KAFKA_COMMAND_RETENTION_MS'
  | 'KAFKA_TOPIC_PARTITIONS'
  | 'KAFKA_REPLICATION_FACTOR'
  | 'KAFKA_TOPIC_OVERRIDES'
  | 'KAFKA_TOPIC_PREFIX'
>;
type TopicConfig = { get<Key extends keyof TopicEnv>(key: Key): TopicEnv[Key] };

/** How the service creates event topics (its own, others' it reads, and their dead-letter topics). */
export function eventTopicSettings(config: TopicConfig): TopicSettings {
  return { ...commonTopicSettings(config), retentionMs: config.get('KAFKA_EVENT_RETENTION_MS') };
}

/** How the service creates its command topic and its dead-letter topic. */
export function commandTopicSettings(config: TopicConfig): TopicSettings {
  return { ...commonTopicSettings(config), retentionMs: config.get('KAFKA_COMMAND_RETENTION_MS') };
}

function commonTopicSettings(config: TopicConfig): TopicSettings {
  const prefix = config.get('KAFKA_TOPIC_PREFIX');
  const overrides = Object.entries(parseTopicOverrides(config.get('KAFKA_TOPIC_OVERRIDES')));
  return {
    partitions: config.get('KAFKA_TOPIC_PARTITIONS'),
    replicationFactor: config.get('KAFKA_REPLICATION_FACTOR'),
    byTopic: Object.fromEntries(overrides.map(([topic, settings]) => [`${prefix}${topic}`, settings])),
  };
}
