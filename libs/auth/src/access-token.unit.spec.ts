import { generateKeyPairSync } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import {
  AccessTokenIssuer,
  AccessTokenVerifier,
  InvalidAccessTokenError,
  type AccessTokenClaims,
} from './access-token';

const pemKeyPair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
const current = pemKeyPair();
const next = pemKeyPair();

const claims: AccessTokenClaims = {
  sub: 'user-1',
  login: 'alice',
  name: 'Alice Martin',
  pid: 'profile-technician',
  rights: ['ticket.create', 'ticket.read-all'],
  eid: 'entity-root',
  rec: true,
  sid: 's1',
};

const issuer = new AccessTokenIssuer({ privateKey: current.privateKey });
// what the verifier adds to the claims: when the token was signed
const verified = { ...claims, issuedAtMs: expect.any(Number) };
const verifier = new AccessTokenVerifier({ publicKeys: [current.publicKey] });

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const partsOf = (token: string) => token.split('.');
const reasonFor = (token: string, by = verifier): string => {
  try {
    by.verify(token);
  } catch (error) {
    if (error instanceof InvalidAccessTokenError) return error.reason;
    throw error;
  }
  throw new Error('the token was accepted');
};

describe('access tokens', () => {
  it('round-trips the claims of a token it issued, with a kid, a jti and the ttl', () => {
    const { token, expiresIn } = issuer.issue(claims);
    expect(verifier.verify(token)).toEqual(verified);
    expect(expiresIn).toBe(900);
    const [header, payload] = partsOf(token)
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header).toEqual({ alg: 'RS256', typ: 'JWT', kid: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(payload).toEqual(expect.objectContaining({ iss: 'itsm-identity', aud: 'itsm', jti: expect.any(String) }));
    expect(payload.exp - payload.iat).toBe(900);
    expect(Math.floor(payload.ims / 1000)).toBe(payload.iat);
    expect(partsOf(issuer.issue(claims).token)[1]).not.toBe(partsOf(token)[1]); // jti differs
  });

  it('refuses an expired token', () => {
    const { token } = new AccessTokenIssuer({ privateKey: current.privateKey, ttlSeconds: -1 }).issue(claims);
    expect(reasonFor(token)).toBe('expired');
  });

  it('refuses a token it accepted before, once it has expired', () => {
    jest.useFakeTimers({ now: Date.parse('2026-11-29T10:00:00Z') });
    try {
      const { token } = new AccessTokenIssuer({ privateKey: current.privateKey, ttlSeconds: 60 }).issue(claims);
      expect(verifier.verify(token)).toEqual(verified);
      jest.setSystemTime(Date.parse('2026-11-29T10:00:59Z'));
      expect(verifier.verify(token)).toEqual(verified); // from the checked tokens
      jest.setSystemTime(Date.parse('2026-11-29T10:01:00Z'));
      expect(reasonFor(token)).toBe('expired');
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses an unsigned token (alg none)', () => {
    const [, payload] = partsOf(issuer.issue(claims).token);
    expect(reasonFor(`${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`)).toBe('missing signature');
  });

  it('refuses HS256 signed with the public key as the secret, with or without the right kid', () => {
    const { kid } = JSON.parse(Buffer.from(partsOf(issuer.issue(claims).token)[0], 'base64url').toString());
    const confused = (keyid?: string) =>
      sign({ ...claims }, current.publicKey, {
        algorithm: 'HS256',
        expiresIn: 60,
        issuer: 'itsm-identity',
        audience: 'itsm',
        ...(keyid ? { keyid } : {}),
      });
    expect(reasonFor(confused(kid))).toBe('invalid algorithm');
    expect(reasonFor(confused())).toBe('invalid algorithm');
  });

  it('refuses a token signed by another key', () => {
    const { token } = new AccessTokenIssuer({ privateKey: next.privateKey }).issue(claims);
    expect(reasonFor(token)).toBe('unknown key');
    const withoutKid = sign({ ...claims }, next.privateKey, {
      algorithm: 'RS256',
      expiresIn: 60,
      issuer: 'itsm-identity',
      audience: 'itsm',
    });
    expect(reasonFor(withoutKid)).toBe('invalid signature');
  });

  it('refuses a tampered payload', () => {
    const [header, payload, signature] = partsOf(issuer.issue(claims).token);
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = b64({ ...decoded, rights: [...decoded.rights, 'profile.write'] });
    expect(reasonFor(`${header}.${tampered}.${signature}`)).toBe('invalid signature');
  });

  it('refuses another audience or issuer', () => {
    const foreignAudience = new AccessTokenIssuer({ privateKey: current.privateKey, audience: 'other-app' });
    expect(reasonFor(foreignAudience.issue(claims).token)).toBe('wrong audience');
    const foreignIssuer = new AccessTokenIssuer({ privateKey: current.privateKey, issuer: 'someone-else' });
    expect(reasonFor(foreignIssuer.issue(claims).token)).toBe('wrong issuer');
  });

  it('refuses garbage and a well-signed payload that lacks our claims', () => {
    expect(reasonFor('not-a-token')).toBe('malformed');
    expect(reasonFor('a.b.c')).toBe('malformed');
    const { rec: _rec, ...withoutRec } = claims;
    const token = sign(withoutRec, current.privateKey, {
      algorithm: 'RS256',
      expiresIn: 60,
      issuer: 'itsm-identity',
      audience: 'itsm',
    });
    expect(reasonFor(token)).toBe('invalid claims');
  });

  it('accepts tokens of both keys during a rotation', () => {
    const rotating = new AccessTokenVerifier({ publicKeys: [current.publicKey, next.publicKey] });
    const fromNext = new AccessTokenIssuer({ privateKey: next.privateKey }).issue(claims).token;
    expect(rotating.verify(issuer.issue(claims).token)).toEqual(verified);
    expect(rotating.verify(fromNext)).toEqual(verified);
    const withoutKid = sign({ ...claims }, next.privateKey, {
      algorithm: 'RS256',
      expiresIn: 60,
      issuer: 'itsm-identity',
      audience: 'itsm',
    });
    expect(rotating.verify(withoutKid)).toEqual(verified); // each key is tried
  });

  it('tells when a token was signed, to the millisecond, and at the start of its second without ims', () => {
    jest.useFakeTimers({ now: Date.parse('2026-11-29T10:00:00.750Z') });
    try {
      const { token } = issuer.issue(claims);
      expect(verifier.verify(token).issuedAtMs).toBe(Date.parse('2026-11-29T10:00:00.750Z'));
      // as signed before ims existed: iat only, so a revocation within that second voids it
      const older = sign({ ...claims }, current.privateKey, {
        algorithm: 'RS256',
        expiresIn: 60,
        issuer: 'itsm-identity',
        audience: 'itsm',
      });
      expect(verifier.verify(older).issuedAtMs).toBe(Date.parse('2026-11-29T10:00:00.000Z'));
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses a token whose ims is not a number', () => {
    const token = sign({ ...claims, ims: 'yesterday' }, current.privateKey, {
      algorithm: 'RS256',
      expiresIn: 60,
      issuer: 'itsm-identity',
      audience: 'itsm',
    });
    expect(reasonFor(token)).toBe('invalid claims');
  });

  it('refuses keys that are not RSA', () => {
    const ec = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    expect(() => new AccessTokenVerifier({ publicKeys: [ec.publicKey] })).toThrow('RSA');
    expect(() => new AccessTokenIssuer({ privateKey: ec.privateKey })).toThrow('RSA');
  });
});
