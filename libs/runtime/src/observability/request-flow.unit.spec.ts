import { requestIdOf, routeOf } from './request-flow';

describe('the request id', () => {
  it('keeps a plain token the caller sent (a proxy’s or a client’s id)', () => {
    expect(requestIdOf('7f3c2a9e-1b2c-4d5e-8f90-123456789abc')).toBe('7f3c2a9e-1b2c-4d5e-8f90-123456789abc');
    expect(requestIdOf(['gateway:42', 'other'])).toBe('gateway:42');
  });

  it.each([
    ['none', undefined],
    ['spaces and tabs (a forged log line)', 'a b\tc'],
    ['a line break', 'id\n{"level":"error"}'],
    ['more than 128 characters', 'x'.repeat(129)],
  ])('makes a new one when the caller sent %s', (_case, header) => {
    expect(requestIdOf(header)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});

describe('the route label of a request', () => {
  it('is the template that answered, never the path with its ids', () => {
    expect(routeOf({ route: { path: '/api/tickets/:id' } })).toBe('/api/tickets/:id');
    expect(routeOf({ baseUrl: '/api', route: { path: '/slas' } })).toBe('/api/slas');
  });

  it('is `unmatched` when no route answered, or only the 404 catch-all', () => {
    expect(routeOf({})).toBe('unmatched');
    expect(routeOf({ route: { path: '{/*splat}' } })).toBe('unmatched');
  });
});
