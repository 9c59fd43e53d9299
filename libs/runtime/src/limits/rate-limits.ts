import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DomainError } from '@itsm/domain';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { ServiceEnv } from '../config/service-env';
import { RATE_LIMIT_REDIS } from '../connections/tokens';

/** What a refusal says: what was counted, and from whom ("from this address"). */
export interface Refusal {
  what: string;
  from: string;
}

/**
 * A budget of points per window for each key (an address, a user, a login), shared by the
 * service's replicas through Redis. Redis away: every request is let through (fail open) and the
 * outage is logged once; limits apply again as soon as it answers.
 */
export class Budget {
  constructor(
    private readonly limiter: RateLimiterRedis,
    private readonly store: StoreWatch,
  ) {}

  /** Spends a point of `key`'s budget; 429 with the wait once it is spent. */
  async consume(key: string, refusal: Refusal): Promise<void> {
    try {
      await this.limiter.consume(key);
      this.store.answered();
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) return this.store.failed(rejection);
      this.store.answered();
      throw this.refused(rejection, refusal);
    }
  }

  /** 429 when `key` has spent its budget, spending nothing. */
  async assertLeft(key: string, refusal: Refusal): Promise<void> {
    const used = await this.attempt(() => this.limiter.get(key));
    if (used && used.consumedPoints >= this.limiter.points) throw this.refused(used, refusal);
  }

  /** Spends a point of `key`'s budget after the fact (a failed login), never refusing. */
  async spend(key: string): Promise<void> {
    await this.attempt(() => this.limiter.penalty(key, 1));
  }

  /** Gives `key` its whole budget back. */
  async reset(key: string): Promise<void> {
    await this.attempt(() => this.limiter.delete(key));
  }

  private async attempt<T>(call: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await call();
      this.store.answered();
      return result;
    } catch (error) {
      return this.store.failed(error);
    }
  }

  private refused(spent: RateLimiterRes, { what, from }: Refusal): DomainError {
    const retryAfter = Math.max(1, Math.ceil(spent.msBeforeNext / 1000));
    const windowSeconds = this.limiter.duration;
    return new DomainError(
      'rate_limited',
      `too many ${what} ${from} (${this.limiter.points} per ${windowSeconds} s); retry in ${retryAfter} s`,
      { details: { limit: this.limiter.points, windowSeconds, retryAfter }, retryAfterSeconds: retryAfter },
    );
  }
}

/** Says once that the limits are off while Redis is away, and once that they are back. */
class StoreWatch {
  private failing = false;

  constructor(private readonly logger: Logger) {}

  answered(): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.log('Redis answers again: rate limits apply');
  }

  failed(error: unknown): undefined {
    if (!this.failing) {
      this.failing = true;
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`rate limits are not enforced while Redis is unavailable (${reason})`);
    }
    return undefined;
  }
}

/** Where every rate limit of a service comes from: the route limits and identity's failed logins. */
@Injectable()
export class RateLimits {
  private readonly store = new StoreWatch(new Logger('RateLimits'));
  private readonly keyPrefix: string;

  constructor(
    @Inject(RATE_LIMIT_REDIS) private readonly redis: Redis,
    config: ConfigService<ServiceEnv, true>,
  ) {
    // the same for every replica of the service, so that they share their counts
    this.keyPrefix = `${config.get('REDIS_KEY_PREFIX', { infer: true })}${config.get('SERVICE_NAME', { infer: true })}:limits:`;
  }

  /** Resolves once Redis answers: until then (a replica just started) requests are let through. */
  connected(): Promise<void> {
    if (this.redis.status === 'ready') return Promise.resolve();
    return new Promise((resolve) => this.redis.once('ready', () => resolve()));
  }

  /** `points` per `windowSeconds` for each key, counted under `name`. */
  budget(name: string, points: number, windowSeconds: number): Budget {
    const limiter = new RateLimiterRedis({
      storeClient: this.redis,
      keyPrefix: `${this.keyPrefix}${name}`,
      points,
      duration: windowSeconds,
      // a Redis that is not connected is an error at once, never a request left waiting
      rejectIfRedisNotReady: true,
    });
    return new Budget(limiter, this.store);
  }
}
