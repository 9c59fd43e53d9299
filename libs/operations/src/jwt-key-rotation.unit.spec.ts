import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessTokenIssuer, AccessTokenVerifier, authSettingsFrom, type AccessTokenClaims } from '@itsm/auth';
import { activateNextKey, publishNextKey, retireOldKeys, type JwtKeyFiles } from './jwt-key-rotation';

const claims: AccessTokenClaims = {
  sub: 'u1',
  login: 'glpi',
  name: 'glpi',
  pid: 'super-admin',
  rights: [],
  eid: 'root',
  rec: true,
  sid: 's1',
};
let dir: string;
let files: JwtKeyFiles;

const signer = () => new AccessTokenIssuer({ privateKey: readFileSync(files.privateKeyFile, 'utf8') });
/** what a service (re)started now verifies with */
const verifier = () => new AccessTokenVerifier(authSettingsFrom({ JWT_PUBLIC_KEY_FILE: files.publicKeysFile }));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jwt-keys-'));
  files = { privateKeyFile: join(dir, 'jwt-private.pem'), publicKeysFile: join(dir, 'jwt-public.pem') };
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  writeFileSync(files.privateKeyFile, privateKey);
  writeFileSync(files.publicKeysFile, publicKey);
});
afterEach(() => rmSync(dir, { recursive: true }));

describe('rotating the JWT signing key', () => {
  it('publishes the new key first, signs with it next, and keeps the old one until retired', () => {
    const old = signer().issue(claims).token;

    const { kid } = publishNextKey(files);
    expect(verifier().verify(old).sub).toBe('u1');
    expect(() => publishNextKey(files)).toThrow('a rotation is under way');

    const activated = activateNextKey(files, new Date('2026-12-01T10:00:00Z'));
    expect(activated.kid).toBe(kid);
    const fresh = signer().issue(claims).token;
    expect(JSON.parse(Buffer.from(fresh.split('.')[0], 'base64url').toString()).kid).toBe(kid);
    expect(verifier().verify(old).sub).toBe('u1');
    expect(verifier().verify(fresh).sub).toBe('u1');

    expect(() => retireOldKeys(files, { now: new Date('2026-12-01T10:30:00Z') })).toThrow(
      /may live until 2026-12-01T11:00:00.000Z/,
    );
    expect(retireOldKeys(files, { now: new Date('2026-12-01T11:00:01Z') })).toEqual({
      retired: [activated.previousKid],
    });
    expect(() => verifier().verify(old)).toThrow('unknown key');
    expect(verifier().verify(fresh).sub).toBe('u1');
  });

  it('activates only a key that was published', () => {
    expect(() => activateNextKey(files)).toThrow('run `rotate-jwt-key publish` first');
    publishNextKey(files);
    writeFileSync(
      files.publicKeysFile,
      readFileSync(files.publicKeysFile, 'utf8').split('-----END PUBLIC KEY-----')[0] + '-----END PUBLIC KEY-----\n',
    );
    expect(() => activateNextKey(files)).toThrow(/is not in .*jwt-public\.pem: publish it first/);
  });
});
