import { createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import { plainToInstance } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, validateSync } from 'class-validator';
import { MAX_ACCESS_TOKEN_TTL_SECONDS } from '@itsm/auth';

/** What identity reads besides the common service environment. Secrets only from here. */
export class IdentityEnv {
  /** PEM of the RS256 signing key (`\n` escapes accepted), or JWT_PRIVATE_KEY_FILE */
  @IsOptional()
  @IsString()
  JWT_PRIVATE_KEY?: string;

  @IsOptional()
  @IsString()
  JWT_PRIVATE_KEY_FILE?: string;

  @IsInt()
  @Min(60)
  // the guards keep revocations this long: a longer-lived token would outlive its revocation
  @Max(MAX_ACCESS_TOKEN_TTL_SECONDS)
  ACCESS_TOKEN_TTL_SECONDS: number = 900;

  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS: number = 30;

  /** failed logins per login within LOGIN_FAILURE_WINDOW_SECONDS before 429 */
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES: number = 5;

  @IsInt()
  @Min(1)
  LOGIN_FAILURE_WINDOW_SECONDS: number = 900;
}

export interface IdentitySettings extends Omit<IdentityEnv, 'JWT_PRIVATE_KEY' | 'JWT_PRIVATE_KEY_FILE'> {
  privateKey: string;
  publicKey: string;
}

export function loadIdentitySettings(raw: Record<string, string | undefined>): IdentitySettings {
  const env = plainToInstance(IdentityEnv, definedOnly(raw), { enableImplicitConversion: true });
  const errors = validateSync(env, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const reasons = errors.flatMap((error) => Object.values(error.constraints ?? {}));
    throw new Error(`Invalid environment for identity: ${reasons.join('; ')}`);
  }
  const { JWT_PRIVATE_KEY, JWT_PRIVATE_KEY_FILE, ...settings } = env;
  const privateKey = JWT_PRIVATE_KEY?.replace(/\\n/g, '\n') ?? readKeyFile(JWT_PRIVATE_KEY_FILE);
  const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { ...settings, privateKey, publicKey };
}

function readKeyFile(file: string | undefined): string {
  if (!file) throw new Error('Invalid environment for identity: set JWT_PRIVATE_KEY or JWT_PRIVATE_KEY_FILE');
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `Invalid environment for identity: cannot read JWT_PRIVATE_KEY_FILE ${file}: ${(error as Error).message}`,
    );
  }
}

function definedOnly(raw: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(raw).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  );
}
