import { deflateSync, gzipSync, inflateSync, gunzipSync } from 'node:zlib';
import { isDomainError } from '@itsm/domain';
import { decodeBody, encodeAnswer, encodingOf } from './body-encoding';

const refusal = (body: Buffer, cap = 1_000_000) => {
  try {
    decodeBody(body, cap);
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error('accepted');
};

describe('agent bodies', () => {
  const xml = '<REQUEST><DEVICEID>pc</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>';

  it('reads plain, zlib and gzip bodies and knows which it was', () => {
    expect(decodeBody(Buffer.from(xml), 1000)).toEqual({ text: xml, encoding: 'plain' });
    expect(decodeBody(deflateSync(xml), 1000)).toEqual({ text: xml, encoding: 'zlib' });
    expect(decodeBody(gzipSync(xml), 1000)).toEqual({ text: xml, encoding: 'gzip' });
    expect(encodingOf(Buffer.from('{"action":"contact"}'))).toBe('plain');
  });

  it('answers in the encoding the agent used', () => {
    expect(inflateSync(encodeAnswer('<REPLY/>', 'zlib')).toString()).toBe('<REPLY/>');
    expect(gunzipSync(encodeAnswer('<REPLY/>', 'gzip')).toString()).toBe('<REPLY/>');
    expect(encodeAnswer('<REPLY/>', 'plain').toString()).toBe('<REPLY/>');
  });

  it('refuses a truncated zlib stream as invalid', () => {
    const truncated = deflateSync(Buffer.from(xml.repeat(50))).subarray(0, 30);
    const error = refusal(truncated);
    expect(error.code).toBe('invalid');
    expect(error.message).toContain('cannot be inflated');
  });

  it('stops a zip bomb at the cap without inflating it whole', () => {
    // 1 GB of zeros compresses to about 1 MB; the cap stops it at 1 MB inflated
    const bomb = deflateSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    const error = refusal(bomb, 1_000_000);
    expect(error.code).toBe('too_large');
    expect(error.details).toEqual({ maxInflatedBytes: 1_000_000 });
  });
});
