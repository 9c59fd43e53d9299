import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  method: string;
  path: string;
  /** names in lower case, as node:http gives them */
  headers: IncomingHttpHeaders;
  /** the body exactly as received, for signature checks */
  rawBody: string;
}

export interface WebhookSink {
  /** http://127.0.0.1:<port>/webhook */
  url: string;
  requests: ReceivedWebhook[];
  waitFor(predicate: (request: ReceivedWebhook) => boolean, timeoutMs?: number): Promise<ReceivedWebhook>;
  close(): Promise<void>;
}

/** The status to answer the `index`-th request (0 first) with; 204 by default. */
export type WebhookResponder = (request: ReceivedWebhook, index: number) => number;

/** A local HTTP endpoint recording every request it gets. */
export async function startWebhookSink(respond: WebhookResponder = () => 204): Promise<WebhookSink> {
  const requests: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        rawBody: Buffer.concat(chunks).toString('utf8'),
      };
      const status = respond(request, requests.length);
      requests.push(request);
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/webhook`,
    requests,
    waitFor: async (predicate, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = requests.find(predicate);
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(`no matching webhook within ${timeoutMs} ms (${requests.length} received)`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections(); // keep-alive sockets of fetch would hold close() otherwise
      }),
  };
}
