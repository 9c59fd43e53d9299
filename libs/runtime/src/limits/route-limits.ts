import { SetMetadata } from '@nestjs/common';

/**
 * The classes of routes, each with its own rate limits per caller and per address: `read` (GET),
 * `write` (the other methods) unless a route says otherwise, `login` for sign-in routes.
 */
export const ROUTE_CLASSES = ['read', 'write', 'login'] as const;
export type RouteClass = (typeof ROUTE_CLASSES)[number];

export const RATE_LIMIT_CLASS = 'itsm:limits:class';
export const BODY_LIMIT = 'itsm:limits:body';

/** The route counts against another class's limits than its method's (`login`). */
export const RateLimit = (routeClass: RouteClass) => SetMetadata(RATE_LIMIT_CLASS, routeClass);

export interface BodyLimits {
  /** the JSON body's size in bytes */
  bytes: number;
  /** fields in the body, at every depth (array items included) */
  fields: number;
}

/** A tighter cap than the service-wide one (1 MB, 5,000 fields) for a route whose body is small. */
export const BodyLimit = (limits: BodyLimits) => SetMetadata(BODY_LIMIT, limits);

/** A body of a few short fields (a login, a status, an id): 4 KB and 32 fields. */
export const SmallBody = () => BodyLimit({ bytes: 4_096, fields: 32 });

const READING = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The class of a route: what it declares, else what its method does. */
export const routeClassOf = (declared: RouteClass | undefined, method: string): RouteClass =>
  declared ?? (READING.has(method.toUpperCase()) ? 'read' : 'write');
