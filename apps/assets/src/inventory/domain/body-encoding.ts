import { inflateSync, gunzipSync, deflateSync, gzipSync } from 'node:zlib';
import { DomainError } from '@itsm/domain';

/** How an agent's body came: answers go back the same way (agents read the answer's first bytes). */
export type BodyEncoding = 'zlib' | 'gzip' | 'plain';

export const contentTypeOf: Record<BodyEncoding, (json: boolean) => string> = {
  zlib: () => 'application/x-compress-zlib',
  gzip: () => 'application/x-compress-gzip',
  plain: (json) => (json ? 'application/json' : 'application/xml'),
};

/** zlib (RFC 1950) starts with a CMF byte of deflate (low nibble 8) whose 16-bit header is a multiple of 31. */
function isZlib(body: Buffer): boolean {
  return body.length >= 2 && (body[0] & 0x0f) === 8 && (body[0] * 256 + body[1]) % 31 === 0;
}

const isGzip = (body: Buffer): boolean => body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b;

export function encodingOf(body: Buffer): BodyEncoding {
  if (isGzip(body)) return 'gzip';
  if (isZlib(body)) return 'zlib';
  return 'plain';
}

/**
 * The body as text, inflated when compressed. The inflated size is capped (a zip bomb stops at
 * the cap, it is never inflated whole); a truncated or corrupt stream is refused.
 */
export function decodeBody(body: Buffer, maxInflatedBytes: number): { text: string; encoding: BodyEncoding } {
  const encoding = encodingOf(body);
  if (encoding === 'plain') return { text: body.toString('utf8'), encoding };
  try {
    const inflate = encoding === 'zlib' ? inflateSync : gunzipSync;
    return { text: inflate(body, { maxOutputLength: maxInflatedBytes }).toString('utf8'), encoding };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new DomainError('too_large', `the ${encoding} body inflates past ${maxInflatedBytes} bytes`, {
        details: { maxInflatedBytes },
      });
    }
    throw new DomainError('invalid', `the ${encoding} body cannot be inflated: ${(error as Error).message}`, {
      errors: [{ field: 'body', message: `corrupt or truncated ${encoding} stream` }],
    });
  }
}

/** An answer in the encoding the agent used. */
export function encodeAnswer(text: string, encoding: BodyEncoding): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  if (encoding === 'zlib') return deflateSync(bytes);
  if (encoding === 'gzip') return gzipSync(bytes);
  return bytes;
}
