import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { plainToInstance } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, ValidateIf, validateSync } from 'class-validator';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from './access-token';

/** What the guard needs from the environment: the identity service's public keys. */
export class AuthEnv {
  /** One or more PEM public keys, newlines possibly written `\n`, separated by a blank line or `;`. */
  @ValidateIf((env: AuthEnv) => env.JWT_PUBLIC_KEY_FILE === undefined)
  @IsNotEmpty({ message: 'JWT_PUBLIC_KEYS or JWT_PUBLIC_KEY_FILE must be set' })
  JWT_PUBLIC_KEYS?: string;

  /** A PEM file holding one or more public keys (a mounted Secret). */
  @IsOptional()
  @IsString()
  JWT_PUBLIC_KEY_FILE?: string;

  @IsString()
  @IsNotEmpty()
  JWT_ISSUER: string = ACCESS_TOKEN_ISSUER;

  @IsString()
  @IsNotEmpty()
  JWT_AUDIENCE: string = ACCESS_TOKEN_AUDIENCE;
}

export interface AuthSettings {
  publicKeys: string[];
  issuer: string;
  audience: string;
}

/** Validates the environment and loads the keys; throws a message naming what is wrong. */
export function authSettingsFrom(raw: Record<string, unknown>): AuthSettings {
  const env = plainToInstance(AuthEnv, definedOnly(raw));
  const reasons = validateSync(env, { forbidUnknownValues: false }).flatMap((error) =>
    Object.values(error.constraints ?? {}),
  );
  if (reasons.length > 0) throw new Error(`Invalid environment for auth: ${reasons.join('; ')}`);
  const [source, text] = env.JWT_PUBLIC_KEYS
    ? ['JWT_PUBLIC_KEYS', env.JWT_PUBLIC_KEYS]
    : ['JWT_PUBLIC_KEY_FILE', readKeyFile(env.JWT_PUBLIC_KEY_FILE!)];
  return { publicKeys: publicKeysIn(source, text), issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE };
}

/** Every PEM public key block of the text, whatever separates them (blank lines, `;`). */
export function publicKeysIn(source: string, text: string): string[] {
  const blocks = text
    .replace(/\\n/g, '\n')
    .match(/-----BEGIN (RSA )?PUBLIC KEY-----[^-]+-----END (RSA )?PUBLIC KEY-----/g);
  if (!blocks) throw new Error(`Invalid environment for auth: ${source} holds no PEM public key`);
  for (const [index, block] of blocks.entries()) {
    try {
      createPublicKey(block);
    } catch {
      throw new Error(`Invalid environment for auth: key ${index + 1} of ${source} is not a valid public key`);
    }
  }
  return blocks;
}

function readKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Invalid environment for auth: JWT_PUBLIC_KEY_FILE ${path}: ${(error as Error).message}`);
  }
}

function definedOnly(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''));
}
