import type { Server } from 'node:http';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Kafka } from 'kafkajs';
import type { ServiceEnv } from '../config/service-env';
import { KAFKA } from '../connections/tokens';
import { ConsumerLag } from './consumer-lag';
import { listenForScrapes } from './metrics-endpoint';
import { Metrics } from './metrics';
import { flushTraces } from './tracing';

/** The consumer lag of the service's groups, as a gauge read on scrape. */
export function consumerLagOf(metrics: Metrics, kafka: Kafka): ConsumerLag {
  const lag = new ConsumerLag(kafka);
  metrics.watch(
    'itsm_consumer_lag',
    'Messages of a partition its consumer group has not committed yet (read at most every 10 s)',
    ['group', 'topic', 'partition'],
    async () =>
      (await lag.read()).map(({ group, topic, partition, lag: value }) => ({
        labels: { group, topic, partition },
        value,
      })),
  );
  return lag;
}

/** The scrape port (METRICS_PORT) when one is set, and what is left to send or close at shutdown. */
@Injectable()
export class TelemetryLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private scrapes?: Server;

  constructor(
    private readonly metrics: Metrics,
    private readonly lag: ConsumerLag,
    private readonly config: ConfigService<ServiceEnv, true>,
    @Inject(KAFKA) readonly kafka: Kafka,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.get('METRICS_PORT', { infer: true });
    if (port !== undefined) this.scrapes = await listenForScrapes(this.metrics, port);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise((resolve) => (this.scrapes ? this.scrapes.close(resolve) : resolve(undefined)));
    await this.lag.close();
    await flushTraces();
  }
}
