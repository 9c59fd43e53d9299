import { ApiProblem } from './api-problem';

/** Statuses a read answers for a while and then not: asking again later may succeed. */
const PASSING_STATUSES = [408, 429];

/**
 * A read is asked again (three times, backing off) when it failed in passing: no answer, a 5xx, a
 * 408 or 429. An answer about the request itself (404, 403, 422...) is shown at once.
 */
export function retriesTransient(failureCount: number, error: unknown): boolean {
  if (failureCount >= 3) return false;
  if (!(error instanceof ApiProblem)) return true;
  return error.status >= 500 || PASSING_STATUSES.includes(error.status);
}
