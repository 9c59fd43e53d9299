import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authSettingsFrom } from './auth-env';

const pemKeyPair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
const [first, second] = [pemKeyPair(), pemKeyPair()];
const keys = [first.publicKey.trim(), second.publicKey.trim()];
const escaped = (pem: string) => pem.replace(/\n/g, '\\n');

describe('auth environment', () => {
  it('reads PEM keys written with \\n escapes and separated by ";" or a blank line', () => {
    expect(authSettingsFrom({ JWT_PUBLIC_KEYS: keys.map(escaped).join(';') }).publicKeys).toEqual(keys);
    expect(authSettingsFrom({ JWT_PUBLIC_KEYS: keys.join('\n\n') }).publicKeys).toEqual(keys);
  });

  it('reads a key file holding several keys, with the default issuer and audience', () => {
    const dir = mkdtempSync(join(tmpdir(), 'auth-env-'));
    try {
      writeFileSync(join(dir, 'keys.pem'), keys.join('\n'));
      expect(authSettingsFrom({ JWT_PUBLIC_KEY_FILE: join(dir, 'keys.pem') })).toEqual({
        publicKeys: keys,
        issuer: 'itsm-identity',
        audience: 'itsm',
      });
      expect(() => authSettingsFrom({ JWT_PUBLIC_KEY_FILE: join(dir, 'missing.pem') })).toThrow(
        /JWT_PUBLIC_KEY_FILE .*missing\.pem: ENOENT/,
      );
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('refuses to start without keys, with a broken key or with a private key', () => {
    expect(() => authSettingsFrom({ JWT_PUBLIC_KEYS: '' })).toThrow(
      'Invalid environment for auth: JWT_PUBLIC_KEYS or JWT_PUBLIC_KEY_FILE must be set',
    );
    const broken = keys[0].replace(/\n[A-Za-z0-9+/]{10}/, '\n');
    expect(() => authSettingsFrom({ JWT_PUBLIC_KEYS: broken })).toThrow('key 1 of JWT_PUBLIC_KEYS is not a valid');
    expect(() => authSettingsFrom({ JWT_PUBLIC_KEYS: first.privateKey })).toThrow(
      'JWT_PUBLIC_KEYS holds no PEM public key',
    );
  });

  it('takes another issuer and audience', () => {
    const settings = authSettingsFrom({ JWT_PUBLIC_KEYS: keys[0], JWT_ISSUER: 'sso', JWT_AUDIENCE: 'desk' });
    expect(settings).toEqual(expect.objectContaining({ issuer: 'sso', audience: 'desk' }));
  });
});
