import {
  Catch,
  Controller,
  Get,
  HttpException,
  Inject,
  UseFilters,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { KafkaConnection } from '@itsm/messaging';
import type Redis from 'ioredis';
import type { Connection } from 'mongoose';
import type { ServiceEnv } from '../config/service-env';
import { KAFKA_CONNECTION, MONGO_CONNECTION, RATE_LIMIT_REDIS, REDIS } from '../connections/tokens';
import { IndexFeeds, indexFeedsTrouble } from '../read-index/index-feeds';
import { describeKafka, pingMongo, pingRedis } from './dependency-checks';

/** What a service keeps in Redis: more than its rate limits, or only them (they fail open). */
export type RedisUse = 'required' | 'rate-limits-only';
export const REDIS_USE = Symbol('REDIS_USE');

/** A failed probe keeps terminus's report (which dependency is down), not a problem document. */
@Catch(HttpException)
class HealthReportFilter implements ExceptionFilter {
  catch(exception: HttpException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    response.status(exception.getStatus()).json(exception.getResponse());
  }
}

/**
 * Kubernetes probes: live = the process serves HTTP; ready = Mongo answers, and Redis where the
 * service needs it for more than its rate limits. Kafka or rate-limit Redis away, or an in-memory
 * list index not answering or lagging, only degrade the pod: it stays ready and says so in the body.
 */
@Controller('health')
@UseFilters(HealthReportFilter)
export class HealthHttpController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly config: ConfigService<ServiceEnv, true>,
    @Inject(MONGO_CONNECTION) private readonly mongo: Connection,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(RATE_LIMIT_REDIS) private readonly rateLimitRedis: Redis,
    @Inject(REDIS_USE) private readonly redisUse: RedisUse,
    @Inject(KAFKA_CONNECTION) private readonly kafkaConnection: KafkaConnection,
    private readonly indexFeeds: IndexFeeds,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    const timeout = this.config.get('HEALTH_TIMEOUT_MS');
    return this.health.check([
      () =>
        this.indicators
          .check('mongo')
          .attempt(() => pingMongo(this.mongo))
          .withTimeout(timeout),
      () => this.kafka(timeout),
      () =>
        this.redisUse === 'required'
          ? this.indicators
              .check('redis')
              .attempt(() => pingRedis(this.redis))
              .withTimeout(timeout)
          : this.rateLimitsStore(),
      // only in a service that keeps some
      ...(this.indexFeeds.statuses().length > 0 ? [async () => this.readIndexes()] : []),
    ]);
  }

  /**
   * Kafka briefly away must not take reads down with it (every pod would leave the Service at
   * once): reads come from Mongo, commands answer 503 `unavailable` and the outbox keeps the
   * events until the brokers are back. So Kafka away is `degraded`, never `down`.
   */
  private async kafka(timeout: number) {
    const result = await this.indicators
      .check('kafka')
      .attempt(({ signal }) => describeKafka(this.kafkaConnection, signal))
      .withTimeout(timeout);
    const { status, ...details } = result.kafka;
    if (status === 'up') return result;
    return this.indicators.check('kafka').degraded({
      ...details,
      message: `commands and event publication wait for Kafka: ${String(details.message)}`,
    });
  }

  /**
   * The in-memory list indexes: one that does not answer leaves the lists to the read models
   * (slower, not wrong), one whose rows lag may miss some: `degraded`, never `down`.
   */
  private readIndexes() {
    const check = this.indicators.check('read-indexes');
    const trouble = indexFeedsTrouble(this.indexFeeds.statuses());
    return trouble ? check.degraded({ message: trouble }) : check.up();
  }

  /** Through the rate limits' own connection, which fails at once while Redis is away. */
  private async rateLimitsStore() {
    const check = this.indicators.check('redis');
    try {
      await pingRedis(this.rateLimitRedis);
      return check.up();
    } catch (error) {
      return check.degraded({ message: `rate limits are not enforced: ${(error as Error).message}` });
    }
  }
}
