import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  IndexFeeds,
  IndexSnapshots,
  KAFKA,
  Metrics,
  ProjectionRegistry,
  ReadModelIndexFeed,
  type ServiceEnv,
} from '@itsm/runtime';
import type { Kafka } from 'kafkajs';
import { InstallationIndex } from '../../../installation/read-models/installation-index';
import { ComputerMatchIndex } from '../../../inventory/computer-match-index';
import { AssetListRows } from './asset-list-rows';

/**
 * Keeps this replica's asset list index, installations and the inventory's matching keys fed
 * from the assets topic (see ReadModelIndexFeed), with snapshots.
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
    snapshots: IndexSnapshots,
  ) {
    super(kafka, config, projections, metrics, feeds, {
      name: 'asset-indexes',
      context: 'assets',
      indexes: [rows, installations, computers],
      // loading 100,000 assets' documents takes minutes on FerretDB: a snapshot, seconds
      snapshots,
    });
  }
}
