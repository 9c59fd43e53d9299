import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useIsolatedStack } from '@itsm/testing';
import { startIdentity } from '../test-support/identity-test-app';

// identity on key files, as mounted Secrets: a token signed before the rotation still works after
// it, and sign-ins give tokens of the new key.
const stack = useIsolatedStack();
const CLI = join(__dirname, '../../dist/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'jwt-rotation-'));
const keyFiles = {
  JWT_PRIVATE_KEY_FILE: join(dir, 'jwt-private.pem'),
  JWT_PUBLIC_KEY_FILE: join(dir, 'jwt-public.pem'),
};
// the files, not the slice's keys in variables
const env = { ...keyFiles, JWT_PRIVATE_KEY: '', JWT_PUBLIC_KEYS: '' };
afterAll(() => rmSync(dir, { recursive: true }));

function rotate(step: string): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [CLI, 'rotate-jwt-key', step], { env: { ...process.env, ...keyFiles } }, (error, out) =>
      error ? reject(error) : resolve(out),
    ),
  );
}

const kidOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as { kid: string }).kid;

it('rotate-jwt-key: the old key’s tokens stay valid, new sign-ins get the new key', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  writeFileSync(keyFiles.JWT_PRIVATE_KEY_FILE, privateKey);
  writeFileSync(keyFiles.JWT_PUBLIC_KEY_FILE, publicKey);
  const before = await startIdentity(stack, env);
  const old = (await before.login('glpi')).accessToken;
  await before.close();

  const published = await rotate('publish');
  const newKid = /published key (\S+);/.exec(published)?.[1];
  expect(await rotate('activate')).toContain(`signing key is now ${newKid} (was ${kidOf(old)})`);

  const after = await startIdentity(stack, env);
  const fresh = (await after.login('glpi')).accessToken;
  expect(kidOf(fresh)).toBe(newKid);
  expect((await after.api(old).get('/api/me')).status).toBe(200);
  expect((await after.api(fresh).get('/api/me')).status).toBe(200);
});
