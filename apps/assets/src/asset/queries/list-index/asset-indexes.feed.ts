import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { IndexFeeds, KAFKA, Metrics, ProjectionRegistry, ReadModelIndexFeed, type ServiceEnv } from '@itsm/runtime';
import type { Kafka } from 'kafkajs';
import { InstallationIndex } from '../../../installation/read-models/installation-index';
import { ComputerMatchIndex } from '../../../inventory/computer-match-index';
import { AssetListRows } from './asset-list-rows';

/**
 * Keeps this replica's asset list index, installations and the inventory's matching keys fed
 * from the assets topic (see ReadModelIndexFeed).
 */
@Injectable()
export class AssetIndexesFeed extends ReadModelIndexFeed {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    config: ConfigService<ServiceEnv, true>,
    projections: ProjectionRegistry,
    metrics: Metrics,
    feeds: IndexFeeds,
    rows: AssetListRows,
    installations: InstallationIndex,
    computers: ComputerMatchIndex,
  ) {
    super(kafka, config, projections, metrics, feeds, {
      name: 'asset-indexes',
      context: 'assets',
      indexes: [rows, installations, computers],
    });
  }
}
