import { NotFoundException } from '@nestjs/common';
import { DomainError } from '@itsm/domain';
import { domainErrorOf, problemOf } from './problem';

describe('problemOf', () => {
  it('answers a domain error with its status, code and per-field errors', () => {
    const error = new DomainError('invalid', 'urgency must be 1 to 5', {
      errors: [{ field: 'urgency', message: 'urgency must be 1 to 5' }],
    });
    expect(problemOf(error, '/api/tickets')).toEqual({
      type: 'urn:itsm:problem:invalid',
      title: 'Invalid request',
      status: 400,
      detail: 'urgency must be 1 to 5',
      code: 'invalid',
      instance: '/api/tickets',
      errors: [{ field: 'urgency', message: 'urgency must be 1 to 5' }],
    });
  });

  it.each([
    ['unauthenticated', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['conflict', 409],
    ['illegal_transition', 409],
    ['too_large', 413],
    ['rule', 422],
    ['rate_limited', 429],
    ['unavailable', 503],
  ] as const)('maps %s to %i', (code, status) => {
    expect(problemOf(new DomainError(code, 'why')).status).toBe(status);
  });

  it("translates Nest's own HTTP errors (an unknown route) and body-parser's", () => {
    expect(problemOf(new NotFoundException('Cannot GET /nowhere'))).toMatchObject({ status: 404, code: 'not_found' });
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413 });
    expect(problemOf(tooLarge)).toMatchObject({ status: 413, code: 'too_large', detail: 'request entity too large' });
  });

  it('answers an outage of a driver as a transient 503 worth retrying', () => {
    const outage = Object.assign(new Error('connect ECONNREFUSED'), { name: 'MongoServerSelectionError' });
    expect(problemOf(outage)).toMatchObject({ status: 503, code: 'unavailable' });
    expect(domainErrorOf(outage)).toMatchObject({ transient: true, retryAfterSeconds: 5 });
  });

  it('says nothing of an unplanned failure', () => {
    const problem = problemOf(new TypeError("Cannot read properties of undefined (reading 'secret')"));
    expect(problem).toMatchObject({ status: 500, code: 'internal' });
    expect(JSON.stringify(problem)).not.toMatch(/secret|undefined/);
  });
});
