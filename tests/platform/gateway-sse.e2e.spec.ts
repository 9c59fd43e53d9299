import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { useIsolatedStack } from '@itsm/testing';
import { startService, type ServiceProcess } from './service-process';

// An import run's progress reaches the page as Server-Sent Events through the gateway (built, its
// own process): each event must come through when the service sends it, not when its stream ends.
// A stand-in service sends one event and keeps its stream open until the test ends it. An import's
// upload goes through it too, whole, though the gateway caps its own bodies at 64 KiB.
const stack = useIsolatedStack();
const EVENT = 'event: progress\ndata: {"linesDone":1}\n\n';
let endStream = () => undefined as void;
const service = http.createServer((request, response) => {
  if (request.method === 'POST') {
    // an upload: its bytes counted as they come
    let bytes = 0;
    request.on('data', (chunk: Buffer) => (bytes += chunk.length));
    request.on('end', () =>
      response.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ bytes })),
    );
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  response.write(EVENT);
  endStream = () => response.end();
});
let gateway: ServiceProcess;

beforeAll(async () => {
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
  stack.onTeardown(async () => void service.close());
  const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-sse-'));
  stack.onTeardown(async () => fs.rmSync(webRoot, { recursive: true }));
  fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>ITSM</title>');
  gateway = await startService(stack, 'gateway', {
    ITSM_IMPORTS_URL: `http://127.0.0.1:${(service.address() as AddressInfo).port}`,
    WEB_ROOT: webRoot,
    LOG_LEVEL: 'silent',
  });
});

it('passes Server-Sent Events through as the service sends them', async () => {
  const response = await fetch(`${gateway.url}/api/imports/import-runs/run-1/events`);
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  // the service has not ended its stream: this read answers only if the gateway does not buffer
  expect((await reader.read()).value).toBe(EVENT);
  endStream();
  expect((await reader.read()).done).toBe(true);
});

it('passes a file upload through whole, larger than its own small bodies (the CLI uploads through it)', async () => {
  const form = new FormData();
  form.append('modelId', 'model-1');
  form.append('file', new Blob([Buffer.alloc(3 * 1024 * 1024, 'a')]), 'parc.csv');
  const request = new Request(`${gateway.url}/api/imports/import-runs`, { method: 'POST', body: form });
  const sent = Buffer.from(await request.clone().arrayBuffer()).length;
  const response = await fetch(request);
  expect(response.status).toBe(202);
  expect(await response.json()).toEqual({ bytes: sent });
});
