import { Metrics } from './metrics';

describe('the service’s metrics', () => {
  it('label every sample with the service, and keep two services of one process apart', async () => {
    const tickets = new Metrics('tickets');
    const sla = new Metrics('sla');
    tickets.commands.inc({ command: 'open-ticket', outcome: 'ok' });
    expect((await tickets.exposition()).body).toContain(
      'itsm_commands_total{command="open-ticket",outcome="ok",service="tickets"} 1',
    );
    expect((await sla.exposition()).body).not.toContain('open-ticket');
  });

  it('read watched gauges at each scrape, and leave out a reading that fails rather than fail the scrape', async () => {
    const metrics = new Metrics('sla');
    let depth = 3;
    metrics.watchQueue('sla-level-timers', async () => ({ delayed: depth }));
    metrics.watchQueue('sla-notifications', async () => {
      throw new Error('Redis away');
    });
    expect((await metrics.exposition()).body).toContain(
      'itsm_queue_jobs{queue="sla-level-timers",state="delayed",service="sla"} 3',
    );
    depth = 0;
    const { body, contentType } = await metrics.exposition();
    expect(body).toContain('itsm_queue_jobs{queue="sla-level-timers",state="delayed",service="sla"} 0');
    expect(body).not.toContain('sla-notifications');
    expect(contentType).toContain('text/plain');
  });
});
