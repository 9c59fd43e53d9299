import { createServer, type Server } from 'node:http';
import type { Metrics } from './metrics';

interface Answer {
  statusCode: number;
  setHeader(name: string, value: string): void;
  end(body: string): void;
}

/** Answers a scrape: no token (Prometheus has none); keep it off the public path (docs/observability.md). */
export function serveMetrics(metrics: Metrics) {
  return (_request: unknown, response: Answer): void => {
    metrics.exposition().then(
      ({ contentType, body }) => {
        response.setHeader('Content-Type', contentType);
        response.end(body);
      },
      (error: Error) => {
        response.statusCode = 500;
        response.end(`metrics unavailable: ${error.message}`);
      },
    );
  };
}

/** `/metrics` on a port of its own (METRICS_PORT), so that only the cluster's scrapers reach it. */
export async function listenForScrapes(metrics: Metrics, port: number): Promise<Server> {
  const answer = serveMetrics(metrics);
  const server = createServer((request, response) => {
    if (request.url?.split('?')[0] === '/metrics') return answer(request, response);
    response.statusCode = 404;
    response.end();
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, () => resolve()));
  return server;
}
