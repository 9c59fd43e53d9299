import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { keyIdOf, MAX_ACCESS_TOKEN_TTL_SECONDS, publicKeysIn } from '@itsm/auth';

/** The files identity signs with and every service verifies with (JWT_PRIVATE_KEY_FILE, JWT_PUBLIC_KEY_FILE). */
export interface JwtKeyFiles {
  privateKeyFile: string;
  publicKeysFile: string;
}

/** When the new key was put to use, and which key it replaced (kept for verification until retired). */
interface RotationState {
  activatedAt: string;
  previousKid: string;
}

const kidOf = (pem: string) => keyIdOf(createPublicKey(pem));
const nextKeyFile = ({ privateKeyFile }: JwtKeyFiles) => privateKeyFile.replace(/(\.pem)?$/, '.next.pem');
const stateFile = ({ privateKeyFile }: JwtKeyFiles) => join(dirname(privateKeyFile), 'jwt-rotation.json');

function publicKeys(files: JwtKeyFiles): string[] {
  return existsSync(files.publicKeysFile)
    ? publicKeysIn(files.publicKeysFile, readFileSync(files.publicKeysFile, 'utf8'))
    : [];
}

function writePublicKeys(files: JwtKeyFiles, keys: string[]): void {
  writeFileSync(files.publicKeysFile, `${keys.map((key) => key.trim()).join('\n')}\n`);
}

/**
 * Step 1: a new key pair; its public key joins the published ones, its private key waits beside
 * the current one. Every service must verify with it (roll them out) before identity signs with it.
 */
export function publishNextKey(files: JwtKeyFiles): { kid: string } {
  const next = nextKeyFile(files);
  if (existsSync(next)) throw new Error(`a rotation is under way: activate ${next}, or remove it to start again`);
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const current = createPublicKey(readFileSync(files.privateKeyFile, 'utf8'))
    .export({ type: 'spki', format: 'pem' })
    .toString();
  const published = publicKeys(files);
  const withCurrent = published.some((key) => kidOf(key) === kidOf(current)) ? published : [...published, current];
  writePublicKeys(files, [...withCurrent, publicKey]);
  writeFileSync(next, privateKey, { mode: 0o600 });
  return { kid: kidOf(publicKey) };
}

/** Step 2: identity signs with the new key (once restarted); the old one's tokens stay valid. */
export function activateNextKey(files: JwtKeyFiles, now = new Date()): { kid: string; previousKid: string } {
  const next = nextKeyFile(files);
  if (!existsSync(next)) throw new Error('no key to activate: run `rotate-jwt-key publish` first');
  const kid = kidOf(readFileSync(next, 'utf8'));
  if (!publicKeys(files).some((key) => kidOf(key) === kid)) {
    throw new Error(`the new key ${kid} is not in ${files.publicKeysFile}: publish it first`);
  }
  const previousKid = kidOf(readFileSync(files.privateKeyFile, 'utf8'));
  const state: RotationState = { activatedAt: now.toISOString(), previousKid };
  writeFileSync(stateFile(files), JSON.stringify(state, null, 2));
  renameSync(next, files.privateKeyFile);
  return { kid, previousKid };
}

/**
 * Step 3: once every token signed with the old key has expired, only the signing key (and a key
 * published for a next rotation) stays published. Refused earlier unless forced.
 */
export function retireOldKeys(
  files: JwtKeyFiles,
  { now = new Date(), force = false, tokenTtlSeconds = MAX_ACCESS_TOKEN_TTL_SECONDS } = {},
): { retired: string[] } {
  const path = stateFile(files);
  if (!existsSync(path)) throw new Error('no activated rotation to finish: run `rotate-jwt-key activate` first');
  const state = JSON.parse(readFileSync(path, 'utf8')) as RotationState;
  const expiry = Date.parse(state.activatedAt) + tokenTtlSeconds * 1000;
  if (!force && now.getTime() < expiry) {
    throw new Error(
      `tokens signed with ${state.previousKid} may live until ${new Date(expiry).toISOString()}: retire it then (or --force)`,
    );
  }
  const kept = new Set(
    [files.privateKeyFile, nextKeyFile(files)].filter(existsSync).map((file) => kidOf(readFileSync(file, 'utf8'))),
  );
  const published = publicKeys(files);
  writePublicKeys(
    files,
    published.filter((key) => kept.has(kidOf(key))),
  );
  rmSync(path);
  return { retired: published.map(kidOf).filter((kid) => !kept.has(kid)) };
}
