import { gatewaySettings } from './gateway.env';

describe('the gateway settings', () => {
  it('routes each service under /api/<service>, to its URL, its port, or its default port', () => {
    const settings = gatewaySettings({ ITSM_TICKETS_URL: 'http://tickets.internal:8080/', ITSM_SLA_PORT: '4003' });
    expect(settings.upstreams).toEqual({
      identity: 'http://127.0.0.1:3001',
      tickets: 'http://tickets.internal:8080',
      sla: 'http://127.0.0.1:4003',
      assets: 'http://127.0.0.1:3004',
      reporting: 'http://127.0.0.1:3005',
      imports: 'http://127.0.0.1:3006',
    });
    expect(settings).toMatchObject({ port: 3000, tls: null });
  });

  it('refuses a service URL that is not one, and TLS without both its files', () => {
    expect(() => gatewaySettings({ ITSM_IDENTITY_URL: 'identity:3001' })).toThrow(
      'ITSM_IDENTITY_URL must be an http(s) URL',
    );
    expect(() => gatewaySettings({ TLS_CERT_FILE: '/tmp/cert.pem' })).toThrow(
      'TLS_CERT_FILE and TLS_KEY_FILE go together',
    );
  });
});
