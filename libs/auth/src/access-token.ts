import { createHash, createPrivateKey, createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import {
  JsonWebTokenError,
  NotBeforeError,
  TokenExpiredError,
  decode,
  sign,
  verify,
  type JwtPayload,
} from 'jsonwebtoken';
import { LRUCache } from 'lru-cache';

/** What an access token says about its bearer; short names keep the Authorization header small. */
export interface AccessTokenClaims {
  /** user id */
  sub: string;
  login: string;
  /** display name */
  name: string;
  /** active profile id */
  pid: string;
  rights: string[];
  /** active entity id */
  eid: string;
  /** whether the authorization on the active entity reaches its sub-entities */
  rec: boolean;
  /** the sign-in session (logout and profile switches act on it) */
  sid: string;
}

/**
 * A token the verifier trusts: its claims, and when identity signed it (to the millisecond: the
 * `ims` claim; `iat` alone, in whole seconds, for tokens signed before it existed), so that a
 * revocation tells the tokens signed before it from those signed after, even within one second.
 */
export interface VerifiedClaims extends AccessTokenClaims {
  issuedAtMs: number;
}

/** identity refuses a longer lifetime: a revocation older than this concerns no live token */
export const MAX_ACCESS_TOKEN_TTL_SECONDS = 3600;

export const ACCESS_TOKEN_ISSUER = 'itsm-identity';
export const ACCESS_TOKEN_AUDIENCE = 'itsm';
const ALGORITHM = 'RS256';

export class InvalidAccessTokenError extends Error {
  constructor(readonly reason: string) {
    super(`invalid access token: ${reason}`);
  }
}

/** Names a key by its content (base64url SHA-256 of the SPKI DER), so rotation needs no registry. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64url');
}

export interface AccessTokenIssuerOptions {
  /** PEM, RSA */
  privateKey: string;
  ttlSeconds?: number;
  issuer?: string;
  audience?: string;
}

/** Signs access tokens; only the identity service holds the private key. */
export class AccessTokenIssuer {
  private readonly privateKey: KeyObject;
  private readonly keyId: string;
  private readonly ttlSeconds: number;
  private readonly issuer: string;
  private readonly audience: string;

  constructor(options: AccessTokenIssuerOptions) {
    this.privateKey = rsaKey(createPrivateKey(options.privateKey));
    this.keyId = keyIdOf(createPublicKey(this.privateKey));
    this.ttlSeconds = options.ttlSeconds ?? 900;
    this.issuer = options.issuer ?? ACCESS_TOKEN_ISSUER;
    this.audience = options.audience ?? ACCESS_TOKEN_AUDIENCE;
  }

  issue(claims: AccessTokenClaims): { token: string; expiresIn: number } {
    const now = Date.now();
    // iat and ims from one clock reading: a verifier without ims support still sees a standard iat
    const token = sign({ ...claims, iat: Math.floor(now / 1000), ims: now }, this.privateKey, {
      algorithm: ALGORITHM,
      keyid: this.keyId,
      jwtid: randomUUID(),
      expiresIn: this.ttlSeconds,
      issuer: this.issuer,
      audience: this.audience,
    });
    return { token, expiresIn: this.ttlSeconds };
  }
}

export interface AccessTokenVerifierOptions {
  /** PEM; several during a key rotation */
  publicKeys: string[];
  issuer?: string;
  audience?: string;
}

/** Checks access tokens in every service: RS256 only, a known key, our issuer and audience, unexpired. */
export class AccessTokenVerifier {
  private readonly keys: ReadonlyMap<string, KeyObject>;
  /**
   * Tokens whose signature this process checked, by their whole text (signature included), with
   * their expiry: a client's next requests skip the RSA check, the most costly step of a small request.
   */
  private readonly verified = new LRUCache<string, { claims: VerifiedClaims; expiresAtMs: number }>({
    max: 5_000,
  });
  private readonly issuer: string;
  private readonly audience: string;

  constructor(options: AccessTokenVerifierOptions) {
    if (options.publicKeys.length === 0) throw new Error('an access token verifier needs at least one public key');
    const keys = options.publicKeys.map((pem) => rsaKey(createPublicKey(pem)));
    this.keys = new Map(keys.map((key) => [keyIdOf(key), key]));
    this.issuer = options.issuer ?? ACCESS_TOKEN_ISSUER;
    this.audience = options.audience ?? ACCESS_TOKEN_AUDIENCE;
  }

  verify(token: string): VerifiedClaims {
    const known = this.verified.get(token);
    // at its expiry it is checked again, which refuses it the way jsonwebtoken says
    if (known && Date.now() < known.expiresAtMs) return known.claims;
    const { claims, expiresAtMs } = this.check(token);
    this.verified.set(token, { claims, expiresAtMs });
    return claims;
  }

  private check(token: string): { claims: VerifiedClaims; expiresAtMs: number } {
    const decoded = decode(token, { complete: true });
    if (!decoded) throw new InvalidAccessTokenError('malformed');
    const kid = decoded.header.kid;
    const candidates = kid === undefined ? [...this.keys.values()] : [this.keys.get(kid)].filter((key) => !!key);
    if (candidates.length === 0) throw new InvalidAccessTokenError('unknown key');
    let failure: unknown;
    for (const key of candidates) {
      try {
        return claimsOf(verify(token, key, { algorithms: [ALGORITHM], issuer: this.issuer, audience: this.audience }));
      } catch (error) {
        failure = error;
        // without a kid, another key may still match; any other failure is final
        if (!(error instanceof JsonWebTokenError && error.message === 'invalid signature')) break;
      }
    }
    throw failure instanceof InvalidAccessTokenError ? failure : new InvalidAccessTokenError(reasonOf(failure));
  }
}

function rsaKey(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`access tokens use RSA keys, not ${key.asymmetricKeyType}`);
  return key;
}

/** The signature is good: still refuse a payload that is not shaped like our claims. */
function claimsOf(payload: string | JwtPayload): { claims: VerifiedClaims; expiresAtMs: number } {
  if (typeof payload === 'string') throw new InvalidAccessTokenError('malformed');
  const { sub, login, name, pid, rights, eid, rec, sid, exp, iat, ims } = payload as Record<string, unknown>;
  const strings = [sub, login, name, pid, eid, sid].every((value) => typeof value === 'string');
  const rightList = Array.isArray(rights) && rights.every((right) => typeof right === 'string');
  const times = [exp, iat].every((value) => typeof value === 'number') && ['number', 'undefined'].includes(typeof ims);
  if (!strings || !rightList || typeof rec !== 'boolean' || !times) {
    throw new InvalidAccessTokenError('invalid claims');
  }
  // without ims, the start of iat's second: a revocation within that second voids the token
  const issuedAtMs = (ims as number | undefined) ?? (iat as number) * 1000;
  const claims = { sub, login, name, pid, rights, eid, rec, sid, issuedAtMs } as VerifiedClaims;
  return { claims, expiresAtMs: (exp as number) * 1000 };
}

function reasonOf(error: unknown): string {
  if (error instanceof TokenExpiredError) return 'expired';
  if (error instanceof NotBeforeError) return 'not yet valid';
  if (!(error instanceof JsonWebTokenError)) return 'unverifiable';
  const message = error.message;
  if (message === 'jwt malformed' || message === 'invalid token') return 'malformed';
  if (message === 'jwt signature is required') return 'missing signature';
  if (message.startsWith('jwt audience invalid')) return 'wrong audience';
  if (message.startsWith('jwt issuer invalid')) return 'wrong issuer';
  return message; // 'invalid signature', 'invalid algorithm', ...
}
