import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { IndexFeeds, KAFKA, Metrics, ProjectionRegistry, ReadModelIndexFeed, type ServiceEnv } from '@itsm/runtime';
import type { Kafka } from 'kafkajs';
import { TicketListRows } from './ticket-list-rows';

/** Keeps this replica's ticket list index fed from the tickets topic (see ReadModelIndexFeed). */
@Injectable()
export class TicketListIndexFeed extends ReadModelIndexFeed {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    config: ConfigService<ServiceEnv, true>,
    projections: ProjectionRegistry,
    metrics: Metrics,
    feeds: IndexFeeds,
    rows: TicketListRows,
  ) {
    super(kafka, config, projections, metrics, feeds, {
      name: 'ticket-list-index',
      context: 'tickets',
      indexes: [rows],
    });
  }
}
