import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ServiceEnv } from '../config/service-env';
import { RateLimits, type Budget } from './rate-limits';
import type { RouteClass } from './route-limits';

export type Counted = 'caller' | 'address';

/** What each class counts, as a refusal says it. */
const COUNTED: Record<RouteClass, string> = { read: 'reads', write: 'writes', login: 'login attempts' };
const FROM: Record<Counted, string> = { caller: 'from your account', address: 'from this address' };

/** Points per window of each route class, per caller and per address (RATE_LIMIT_* settings). */
function pointsOf(env: ConfigService<ServiceEnv, true>): Record<RouteClass, Partial<Record<Counted, number>>> {
  const get = <K extends keyof ServiceEnv>(key: K) => env.get(key, { infer: true }) as number;
  return {
    read: { caller: get('RATE_LIMIT_READ_PER_CALLER'), address: get('RATE_LIMIT_READ_PER_ADDRESS') },
    write: { caller: get('RATE_LIMIT_WRITE_PER_CALLER'), address: get('RATE_LIMIT_WRITE_PER_ADDRESS') },
    // sign-in routes have no caller yet
    login: { address: get('RATE_LIMIT_LOGIN_PER_ADDRESS') },
  };
}

/** The budgets of the routes, one per class and what it counts; none where the limit is 0. */
@Injectable()
export class RouteBudgets {
  private readonly budgets = new Map<string, Budget>();

  constructor(limits: RateLimits, config: ConfigService<ServiceEnv, true>) {
    const window = config.get('RATE_LIMIT_WINDOW_SECONDS', { infer: true });
    for (const [routeClass, perCounted] of Object.entries(pointsOf(config))) {
      for (const [counted, points] of Object.entries(perCounted)) {
        if (points > 0)
          this.budgets.set(`${routeClass}:${counted}`, limits.budget(`${routeClass}:${counted}`, points, window));
      }
    }
  }

  /** Spends one request of `key` (a user id, an address) in the class's budget, or answers 429. */
  async consume(routeClass: RouteClass, counted: Counted, key: string): Promise<void> {
    await this.budgets
      .get(`${routeClass}:${counted}`)
      ?.consume(key, { what: COUNTED[routeClass], from: FROM[counted] });
  }
}
