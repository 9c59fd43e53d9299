import { loadInventorySettings } from './inventory.env';

describe('inventory settings', () => {
  it('defaults to trusted agents, 20 MB bodies inflating to 64 MB at most, 600 messages per address', () => {
    expect(loadInventorySettings({})).toEqual({
      authentication: { mode: 'none' },
      maxBodyBytes: 20 * 1024 * 1024,
      maxInflatedBytes: 64 * 1024 * 1024,
      perAddress: 600,
      contactEveryHours: 24,
    });
  });

  it('reads per-entity tokens', () => {
    const settings = loadInventorySettings({
      ASSETS_AGENT_AUTH: 'token',
      ASSETS_AGENT_TOKENS: 'A=token-of-entity-a-0001, B=token-of-entity-b-0002',
    });
    expect(settings.authentication).toEqual({
      mode: 'token',
      tokens: [
        { entityId: 'A', token: 'token-of-entity-a-0001' },
        { entityId: 'B', token: 'token-of-entity-b-0002' },
      ],
    });
  });

  it('refuses to start on a short secret, a missing token list or an unknown mode', () => {
    expect(() =>
      loadInventorySettings({
        ASSETS_AGENT_AUTH: 'basic',
        ASSETS_AGENT_BASIC_USER: 'a',
        ASSETS_AGENT_BASIC_PASSWORD: 'short',
      }),
    ).toThrow(/ASSETS_AGENT_BASIC_PASSWORD/);
    expect(() => loadInventorySettings({ ASSETS_AGENT_AUTH: 'token', ASSETS_AGENT_TOKENS: 'A=short' })).toThrow(
      /ASSETS_AGENT_TOKENS/,
    );
    expect(() => loadInventorySettings({ ASSETS_AGENT_AUTH: 'ldap' })).toThrow(/none, basic or token/);
    expect(() => loadInventorySettings({ ASSETS_INVENTORY_MAX_BODY_MB: '0' })).toThrow(/ASSETS_INVENTORY_MAX_BODY_MB/);
  });
});
