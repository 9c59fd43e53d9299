import { DomainError } from '@itsm/domain';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface LoginThrottleLimits {
  keyPrefix: string;
  maxFailures: number;
  failureWindowSeconds: number;
  maxAttemptsPerAddress: number;
}

/** Brute-force brakes: failed attempts per login, and every attempt per client address. */
export class LoginThrottle {
  private readonly failures: RateLimiterRedis;
  private readonly attempts: RateLimiterRedis;

  constructor(
    redis: Redis,
    private readonly limits: LoginThrottleLimits,
  ) {
    this.failures = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${limits.keyPrefix}login-failures`,
      points: limits.maxFailures,
      duration: limits.failureWindowSeconds,
    });
    this.attempts = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${limits.keyPrefix}login-attempts`,
      points: limits.maxAttemptsPerAddress,
      duration: 60,
    });
  }

  /** Throws 429 when the address or the login has used up its attempts. */
  async admit(login: string, address: string): Promise<void> {
    try {
      await this.attempts.consume(address);
    } catch (rejection) {
      throw tooMany(rejection, 'too many login attempts from this address');
    }
    const used = await this.failures.get(login.toLowerCase());
    if (used && used.consumedPoints >= this.limits.maxFailures) {
      throw tooMany(used, 'too many failed logins for this account');
    }
  }

  async recordFailure(login: string): Promise<void> {
    await this.failures.penalty(login.toLowerCase(), 1);
  }

  async recordSuccess(login: string): Promise<void> {
    await this.failures.delete(login.toLowerCase());
  }
}

function tooMany(rejection: unknown, message: string): unknown {
  if (!(rejection instanceof RateLimiterRes)) return rejection;
  const retryAfter = Math.ceil(rejection.msBeforeNext / 1000);
  return new DomainError('rate_limited', `${message}; retry in ${retryAfter} s`, {
    details: { retryAfter },
    retryAfterSeconds: retryAfter,
  });
}
