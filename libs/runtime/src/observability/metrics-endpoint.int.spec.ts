import { Metrics } from './metrics';
import { listenForScrapes } from './metrics-endpoint';

// METRICS_PORT: /metrics on a port of its own, which only the cluster's scrapers are let reach
it('serves /metrics alone on the scrape port, without a token', async () => {
  const metrics = new Metrics('identity');
  metrics.commands.inc({ command: 'create-entity', outcome: 'ok' });
  const server = await listenForScrapes(metrics, 0);
  try {
    const { port } = server.address() as { port: number };
    const scrape = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toContain(
      'itsm_commands_total{command="create-entity",outcome="ok",service="identity"} 1',
    );
    expect((await fetch(`http://127.0.0.1:${port}/api/entities`)).status).toBe(404);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
