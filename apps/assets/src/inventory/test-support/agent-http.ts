import http from 'node:http';
import { eventually } from '@itsm/testing';
import { deflateSync, gzipSync, inflateSync, gunzipSync } from 'node:zlib';

export interface AgentReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** the answer, inflated when the server compressed it */
  text: string;
}

export const zlibbed = (text: string): Buffer => deflateSync(Buffer.from(text));
export const gzipped = (text: string): Buffer => gzipSync(Buffer.from(text));

const contentTypes = {
  zlib: 'application/x-compress-zlib',
  gzip: 'application/x-compress-gzip',
  xml: 'application/xml',
  json: 'application/json',
};

function decoded(body: Buffer): string {
  if (body[0] === 0x78) return inflateSync(body).toString();
  if (body[0] === 0x1f) return gunzipSync(body).toString();
  return body.toString();
}

/** Posts an agent body as the agents do (or as a hostile client would), reading the answer. */
export function postAgentBody(
  url: string,
  body: Buffer | string | { chunk: Buffer; times: number },
  type: keyof typeof contentTypes,
  headers: Record<string, string> = {},
): Promise<AgentReply> {
  return new Promise((resolve, reject) => {
    const streamed = typeof body === 'object' && !Buffer.isBuffer(body);
    const request = http.request(url, {
      method: 'POST',
      headers: { 'content-type': contentTypes[type], ...headers },
    });
    let answered = false;
    request.on('response', (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text: decoded(Buffer.concat(chunks)) }),
      );
    });
    // the server may stop reading and close while a large body is still being sent
    request.on('error', (error) => (answered ? undefined : reject(error)));
    if (!streamed) {
      request.end(body);
      return;
    }
    let sent = 0;
    const writeMore = () => {
      while (!answered && sent < body.times) {
        sent += 1;
        if (!request.write(body.chunk)) return void request.once('drain', writeMore);
      }
      request.end();
    };
    writeMore();
  });
}

/**
 * Reads until `wanted` holds, and returns what it read last: an inventory is answered once its
 * events are stored, its read models follow a moment later (ApplyAgentInventory).
 */
export async function readUntil<T>(read: () => Promise<T>, wanted: (value: T) => boolean): Promise<T> {
  let value = await read();
  await eventually(async () => wanted((value = await read()))).catch(() => undefined);
  return value;
}
