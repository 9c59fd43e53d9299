import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ServerTimingInterceptor } from './http/server-timing';
import { IndexSnapshots } from './read-index/index-snapshots';
import { ConfigModule } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { kafkaConnectionFrom } from '@itsm/messaging';
import type Redis from 'ioredis';
import type { Connection } from 'mongoose';
import { LoggerModule } from 'nestjs-pino';
import { ServiceDefaults, validateServiceEnv } from './config/validate-service-env';
import { connectionProviders } from './connections/connection.providers';
import { KAFKA, KAFKA_CONNECTION, MONGO_CONNECTION, RATE_LIMIT_REDIS, REDIS } from './connections/tokens';
import { HealthHttpController, REDIS_USE, type RedisUse } from './health/health.http.controller';
import { HttpDrain } from './http/http-drain';
import { IdempotentAnswers } from './idempotency/idempotent-answers.store';
import { CallerRateLimitInterceptor } from './limits/caller-rate-limit.interceptor';
import { RateLimits } from './limits/rate-limits';
import { RequestLimitsGuard } from './limits/request-limits.guard';
import { RouteBudgets } from './limits/route-budgets';
import { ConsumerLag } from './observability/consumer-lag';
import { logFields } from './observability/log-fields';
import { Metrics } from './observability/metrics';
import { IndexFeeds } from './read-index/index-feeds';
import { consumerLagOf, TelemetryLifecycle } from './observability/telemetry';
import { startTracing } from './observability/tracing';

export interface RuntimeOptions extends ServiceDefaults {
  /** Values that win over process.env (tests give each file its own database and topics). */
  env?: Record<string, string>;
  /**
   * `rate-limits-only`: the service keeps nothing else in Redis, so it stays ready while Redis is
   * away (its rate limits fail open, readiness says `degraded`); `required` by default.
   */
  redis?: RedisUse;
}

/** The last step of a shutdown: the workers stopped in beforeApplicationShutdown, the connections go. */
class ConnectionsCloser implements OnApplicationShutdown {
  constructor(
    @Inject(MONGO_CONNECTION) private readonly mongo: Connection,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(RATE_LIMIT_REDIS) private readonly rateLimitRedis: Redis,
  ) {}

  async onApplicationShutdown() {
    await this.mongo.close();
    this.redis.disconnect();
    this.rateLimitRedis.disconnect();
  }
}

/** Config, JSON logs, connections, health endpoints and rate limits for one service process. */
@Global()
@Module({})
export class RuntimeModule {
  static forService(options: RuntimeOptions): DynamicModule {
    const env = validateServiceEnv({ ...process.env, ...options.env }, options);
    // before anything makes a span; once per process (the OTEL_* variables are the process's)
    startTracing(env.SERVICE_NAME);
    return {
      module: RuntimeModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: () => ({ ...env }) }),
        TerminusModule.forRoot({ logger: false }),
        LoggerModule.forRoot({
          pinoHttp: {
            name: options.name,
            level: env.LOG_LEVEL,
            // every line names its flow (request id or event correlation id) and trace
            mixin: logFields,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
          },
        }),
      ],
      controllers: [HealthHttpController],
      providers: [
        // the files it names are read once, here (validateServiceEnv has checked them)
        { provide: KAFKA_CONNECTION, useValue: kafkaConnectionFrom(env) },
        ...connectionProviders,
        { provide: REDIS_USE, useValue: options.redis ?? 'required' },
        ConnectionsCloser,
        { provide: Metrics, useFactory: () => new Metrics(env.SERVICE_NAME) },
        { provide: ConsumerLag, inject: [Metrics, KAFKA], useFactory: consumerLagOf },
        IndexFeeds,
        IndexSnapshots,
        TelemetryLifecycle,
        HttpDrain,
        RateLimits,
        RouteBudgets,
        IdempotentAnswers,
        // registered before the access guard (AuthModule comes after RuntimeModule): requests
        // without a valid token count against their address too
        { provide: APP_GUARD, useClass: RequestLimitsGuard },
        // first: its `guards` step ends where the interceptors begin
        { provide: APP_INTERCEPTOR, useClass: ServerTimingInterceptor },
        { provide: APP_INTERCEPTOR, useClass: CallerRateLimitInterceptor },
      ],
      exports: [
        MONGO_CONNECTION,
        KAFKA,
        KAFKA_CONNECTION,
        REDIS,
        HttpDrain,
        RateLimits,
        IdempotentAnswers,
        Metrics,
        ConsumerLag,
        IndexFeeds,
        IndexSnapshots,
      ],
    };
  }
}
