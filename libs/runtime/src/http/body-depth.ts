import { DomainError } from '@itsm/domain';

/** JSON nested deeper than any of our DTOs: refused before validation, whose recursion it would overflow. */
export const MAX_BODY_DEPTH = 32;

/** Depth of a parsed JSON value, measured without recursion (the value may be 20,000 levels deep). */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_BODY_DEPTH) return deepest;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return deepest;
}

/** Express middleware, placed right after the JSON parser. */
export function rejectDeepBodies(req: { body?: unknown }, _res: unknown, next: (error?: unknown) => void): void {
  if (jsonDepth(req.body) > MAX_BODY_DEPTH) {
    next(new DomainError('invalid', `the JSON body is nested deeper than ${MAX_BODY_DEPTH} levels`));
    return;
  }
  next();
}
