import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@itsm/domain';
import { RouteBudgets } from './route-budgets';
import { BODY_LIMIT, RATE_LIMIT_CLASS, routeClassOf, type BodyLimits, type RouteClass } from './route-limits';

/** What the JSON parser (bodyBytes) and the JSON guard (bodyFields) measured of a request. */
export interface MeasuredRequest {
  method: string;
  path: string;
  ip?: string;
  socket?: { remoteAddress?: string };
  bodyBytes?: number;
  bodyFields?: number;
}

/** Kubernetes probes are never limited. */
const PROBES = /^\/health\//;

/**
 * The first global guard, before the access guard: a route's own body caps, then its class's
 * budget per client address (so that requests without a valid token count too).
 */
@Injectable()
export class RequestLimitsGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly budgets: RouteBudgets,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<MeasuredRequest>();
    if (PROBES.test(request.path)) return true;
    const targets = [context.getHandler(), context.getClass()];
    const body = this.reflector.getAllAndOverride<BodyLimits | undefined>(BODY_LIMIT, targets);
    if (body) assertWithin(request, body);
    const declared = this.reflector.getAllAndOverride<RouteClass | undefined>(RATE_LIMIT_CLASS, targets);
    const address = request.ip ?? request.socket?.remoteAddress ?? 'unknown';
    await this.budgets.consume(routeClassOf(declared, request.method), 'address', address);
    return true;
  }
}

function assertWithin(request: MeasuredRequest, limits: BodyLimits): void {
  if ((request.bodyBytes ?? 0) > limits.bytes) {
    throw new DomainError('too_large', `the body of this request may not exceed ${limits.bytes} bytes`, {
      details: { maxBytes: limits.bytes },
    });
  }
  if ((request.bodyFields ?? 0) > limits.fields) {
    throw new DomainError('invalid', `the body of this request may not hold more than ${limits.fields} fields`, {
      details: { maxFields: limits.fields },
    });
  }
}
