// The RS256 key pair of the local setup: identity signs access tokens with the private key, every
// service verifies with the public one. Generated once under .itsm/keys (never committed); set
// JWT_PRIVATE_KEY(_FILE) and JWT_PUBLIC_KEYS / JWT_PUBLIC_KEY_FILE to use your own.
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataDir } from './settings.mjs';

export function signingKeyEnv() {
  const dir = path.join(dataDir, 'keys');
  const privateFile = path.join(dir, 'jwt-private.pem');
  const publicFile = path.join(dir, 'jwt-public.pem');
  if (!fs.existsSync(privateFile)) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(publicFile, publicKey);
    fs.writeFileSync(privateFile, privateKey, { mode: 0o600 });
    console.log(`[keys] new RS256 signing key in ${dir}`);
  }
  const own = process.env.JWT_PRIVATE_KEY || process.env.JWT_PRIVATE_KEY_FILE;
  const ownPublic = process.env.JWT_PUBLIC_KEYS || process.env.JWT_PUBLIC_KEY_FILE;
  return {
    ...(own ? {} : { JWT_PRIVATE_KEY_FILE: privateFile }),
    ...(ownPublic ? {} : { JWT_PUBLIC_KEY_FILE: publicFile }),
  };
}

// `npm run keys`: creates the pair for docker compose (secrets read from .itsm/keys)
if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const env = signingKeyEnv();
  console.log(
    Object.entries(env)
      .map(([name, value]) => `${name}=${value}`)
      .join('\n'),
  );
}
