import { trustProxyOf } from '../http/trust-proxy';
import { routeClassOf } from './route-limits';

describe('route limits', () => {
  it('counts a route in the class it declares, else in its method’s', () => {
    expect(routeClassOf(undefined, 'GET')).toBe('read');
    expect(routeClassOf(undefined, 'head')).toBe('read');
    expect(routeClassOf(undefined, 'POST')).toBe('write');
    expect(routeClassOf(undefined, 'DELETE')).toBe('write');
    expect(routeClassOf('login', 'POST')).toBe('login');
  });

  it('reads TRUST_PROXY as Express takes it: a flag, a number of hops or the proxies’ addresses', () => {
    expect(trustProxyOf('false')).toBe(false);
    expect(trustProxyOf('true')).toBe(true);
    expect(trustProxyOf('2')).toBe(2);
    expect(trustProxyOf('loopback, 10.0.0.0/8')).toBe('loopback, 10.0.0.0/8');
  });
});
