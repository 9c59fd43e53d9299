import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Caller } from '@itsm/domain';
import { from, mergeMap, type Observable } from 'rxjs';
import { timingsOf, type StepTimings } from '../http/server-timing';
import { RouteBudgets } from './route-budgets';
import { RATE_LIMIT_CLASS, routeClassOf, type RouteClass } from './route-limits';

/** Interceptors run after every guard: the access guard has put the verified caller on the request. */
interface CalledRequest {
  method: string;
  timings?: StepTimings;
  caller?: Pick<Caller, 'userId'>;
}

/** Each signed-in caller's budget in the route's class, whatever address the requests come from. */
@Injectable()
export class CallerRateLimitInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly budgets: RouteBudgets,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<CalledRequest>();
    const userId = request.caller?.userId;
    if (!userId) return next.handle();
    const targets = [context.getHandler(), context.getClass()];
    const declared = this.reflector.getAllAndOverride<RouteClass | undefined>(RATE_LIMIT_CLASS, targets);
    const spent = timingsOf(request).time('caller-limit', () =>
      this.budgets.consume(routeClassOf(declared, request.method), 'caller', userId),
    );
    return from(spent).pipe(mergeMap(() => next.handle()));
  }
}
