import type { Budget, RateLimits } from '@itsm/runtime';

export interface LoginThrottleLimits {
  maxFailures: number;
  failureWindowSeconds: number;
}

const REFUSAL = { what: 'failed logins', from: 'for this account' };

/**
 * The brute-force brake on an account: failed sign-ins per login, counted by the kit's rate
 * limits (shared by the replicas, failing open while Redis is away). Attempts per client address
 * are the `login` route class's limit (RATE_LIMIT_LOGIN_PER_ADDRESS), checked before the route.
 */
export class LoginThrottle {
  private readonly failures: Budget;

  constructor(limits: RateLimits, { maxFailures, failureWindowSeconds }: LoginThrottleLimits) {
    this.failures = limits.budget('login-failures', maxFailures, failureWindowSeconds);
  }

  /** Throws 429 when the login has used up its failures. */
  async admit(login: string): Promise<void> {
    await this.failures.assertLeft(login.toLowerCase(), REFUSAL);
  }

  async recordFailure(login: string): Promise<void> {
    await this.failures.spend(login.toLowerCase());
  }

  async recordSuccess(login: string): Promise<void> {
    await this.failures.reset(login.toLowerCase());
  }
}
