import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds, from a millisecond of a local write to a minute of a slow dependency. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** A gauge read on each scrape; a failing or slow read leaves it out of that scrape rather than failing it. */
type Reading = Array<{ labels: Record<string, string | number>; value: number }>;

/** A read of a dependency that is away (Redis commands queue until it is back) must not hold the scrape. */
const READ_TIMEOUT_MS = 2000;

function withinTimeout(read: () => Promise<Reading>): Promise<Reading> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Reading>((resolve) => {
    timer = setTimeout(() => resolve([]), READ_TIMEOUT_MS);
  });
  return Promise.race([read().catch((): Reading => []), timeout]).finally(() => clearTimeout(timer));
}

/**
 * The service's Prometheus metrics (docs/observability.md lists them): one registry per
 * application, so that several services in one test process keep theirs apart. The kit records
 * what every service does (HTTP, commands, appends, consumers, outbox); a service adds its own
 * through `histogram`, `watch` and `watchQueue`.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly queues = new Map<string, () => Promise<Record<string, number>>>();

  readonly httpRequests = new Histogram({
    name: 'itsm_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status, from the first middleware to the response end',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly commands = new Counter({
    name: 'itsm_commands_total',
    help: 'Commands run through the event-sourcing kernel, by command type and outcome (ok or the domain error code)',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly appends = new Histogram({
    name: 'itsm_event_store_append_duration_seconds',
    help: 'Appends of one commit to the event store, by outcome (ok, conflict, error)',
    labelNames: ['outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly projectionApplies = new Histogram({
    name: 'itsm_projection_apply_duration_seconds',
    help: 'Applies of events to a read model by its consumer, by projection and mode (event or batch)',
    labelNames: ['projection', 'mode'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly deadLetters = new Counter({
    name: 'itsm_dead_letters_total',
    help: 'Messages a consumer group sent to the dead-letter topic, by group and source topic',
    labelNames: ['group', 'topic'] as const,
    registers: [this.registry],
  });

  readonly retries = new Counter({
    name: 'itsm_consumer_retries_total',
    help: 'Failed attempts of a consumer that will be retried (a dependency away, an unknown failure)',
    labelNames: ['group', 'topic'] as const,
    registers: [this.registry],
  });

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }

  /** A histogram of the service's own, in seconds unless `buckets` say otherwise. */
  histogram<Label extends string>(name: string, help: string, labelNames: readonly Label[], buckets = LATENCY_BUCKETS) {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  /** A gauge whose values are read at each scrape (cheap reads only, or cached by `read`). */
  watch(name: string, help: string, labelNames: readonly string[], read: () => Promise<Reading>): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        const values = await withinTimeout(read);
        for (const { labels, value } of values) this.set(labels, value);
      },
    });
  }

  /** The jobs of a BullMQ queue by state (waiting, delayed, active, failed...), read at each scrape. */
  watchQueue(queue: string, counts: () => Promise<Record<string, number>>): void {
    this.queues.set(queue, counts);
    if (this.queues.size > 1) return;
    this.watch('itsm_queue_jobs', 'Jobs of a BullMQ queue by state', ['queue', 'state'], async () => {
      const readings = await Promise.all(
        [...this.queues].map(async ([name, read]) =>
          Object.entries(await read().catch(() => ({}))).map(([state, value]) => ({
            labels: { queue: name, state },
            value,
          })),
        ),
      );
      return readings.flat();
    });
  }

  /** The Prometheus text exposition of every metric. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
