import { DomainError } from '@itsm/domain';

/** JSON nested deeper than any of our DTOs: refused before validation, whose recursion it would overflow. */
export const MAX_JSON_DEPTH = 32;
/** More fields than any of our requests holds: refused before validation turns each into an error. */
export const MAX_JSON_FIELDS = 5_000;

/** Keys that reach an object's prototype in careless code; never a field of ours. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Control characters other than tab, line feed and carriage return: never text a person typed. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * What makes a parsed JSON body or query unfit before validation sees it: too deep, too many
 * fields, a prototype key, a control character in a key or a string. Walked without recursion
 * (a value may be 20,000 levels deep), stopping at the first problem.
 */
export function jsonProblem(value: unknown, where = 'body'): DomainError | undefined {
  return inspectJson(value, where).problem;
}

/** The first problem of the value (see jsonProblem), or its number of fields at every depth. */
export function inspectJson(value: unknown, where = 'body'): { problem?: DomainError; fields: number } {
  let fields = 0;
  const pending: Array<[unknown, number, string]> = [[value, 0, '']];
  const unfit = (problem: DomainError) => ({ problem, fields });
  while (pending.length > 0) {
    const [current, depth, path] = pending.pop()!;
    if (typeof current === 'string') {
      if (CONTROL.test(current)) return unfit(invalid(`${fieldName(path, where)} contains a control character`, path));
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > MAX_JSON_DEPTH) {
      return unfit(invalid(`the JSON ${where} is nested deeper than ${MAX_JSON_DEPTH} levels`));
    }
    for (const key of Object.keys(current)) {
      const child = path ? `${path}.${key}` : key;
      if (++fields > MAX_JSON_FIELDS) return unfit(invalid(`the ${where} has more than ${MAX_JSON_FIELDS} fields`));
      if (PROTOTYPE_KEYS.has(key))
        return unfit(invalid(`${fieldName(child, where)} is not an accepted field name`, child));
      if (CONTROL.test(key)) return unfit(invalid(`a field name of the ${where} contains a control character`));
      pending.push([(current as Record<string, unknown>)[key], depth + 1, child]);
    }
  }
  return { fields };
}

/**
 * Express middleware, placed right after the JSON parser: the body and the query string. The
 * body's field count stays on the request for the routes that cap it lower (BodyLimit).
 */
export function rejectUnfitJson(
  req: { body?: unknown; query?: unknown; bodyFields?: number },
  _res: unknown,
  next: (error?: unknown) => void,
): void {
  const body = inspectJson(req.body, 'body');
  req.bodyFields = body.fields;
  next(body.problem ?? jsonProblem(req.query, 'query'));
}

const fieldName = (path: string, where: string) => (path ? `field ${path}` : `the ${where}`);

function invalid(message: string, field?: string): DomainError {
  return new DomainError('invalid', message, field ? { errors: [{ field, message }] } : {});
}
