import { ApiProblem } from './api-problem';
import { retriesTransient } from './transient-failures';

describe('a read that failed', () => {
  it('is asked again after a 5xx, a 408 or 429, or no answer at all, three times at most', () => {
    expect(retriesTransient(0, new ApiProblem(503, 'the assets service does not answer'))).toBe(true);
    expect(retriesTransient(1, new ApiProblem(500, 'internal error'))).toBe(true);
    expect(retriesTransient(0, new ApiProblem(429, 'too many requests'))).toBe(true);
    expect(retriesTransient(0, new ApiProblem(408, 'request timeout'))).toBe(true);
    expect(retriesTransient(2, new TypeError('Failed to fetch'))).toBe(true);
    expect(retriesTransient(3, new ApiProblem(503, 'still away'))).toBe(false);
  });

  it('is not asked again when the answer is about the request: not found, forbidden, invalid', () => {
    for (const status of [400, 401, 403, 404, 409, 422]) {
      expect(retriesTransient(0, new ApiProblem(status, 'no'))).toBe(false);
    }
  });
});
