import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@itsm/auth';
import { DirectoryReader, directoryProjections } from '@itsm/directory';
import { EventSourcingModule, RuntimeModule } from '@itsm/runtime';
import { loadReportingSettings, REPORTING_SETTINGS } from './reporting.env';
import { statisticsVersion } from './statistics/domain/statistic-catalogue';
import { StatisticLabels } from './statistics/queries/statistic-labels';
import {
  agreementNamesProjection,
  assetClassNamesProjection,
  categoryNamesProjection,
} from './statistics/read-models/value-names.projection';
import { StatisticsQueries } from './statistics/queries/statistics.query';
import { StatisticsFeed } from './statistics/statistics.feed';
import { StatisticsHttpController } from './statistics/statistics.http.controller';
import { StatisticsVersions, STATISTICS_VERSION } from './statistics/statistics.versions';

export const REPORTING_DEFAULTS = { name: 'reporting', port: 3005 };

export interface ReportingModuleOptions {
  /** the statistics' version; by default that of the catalogue (tests play a changed definition) */
  statisticsVersion?: string;
}

@Module({})
export class ReportingModule {
  static register(env: Record<string, string> = {}, options: ReportingModuleOptions = {}): DynamicModule {
    const settings = loadReportingSettings({ ...process.env, ...env });
    return {
      module: ReportingModule,
      imports: [
        RuntimeModule.forService({ ...REPORTING_DEFAULTS, env }),
        // reporting publishes no event: its own topic stays empty; identity, categories and
        // agreements, asset types and models feed the labels (the statistics have a feed of their own, StatisticsFeed)
        EventSourcingModule.forContext({
          context: 'reporting',
          projections: [],
          feeds: [
            { context: 'identity', projections: directoryProjections },
            { context: 'tickets', projections: [categoryNamesProjection] },
            { context: 'sla', projections: [agreementNamesProjection] },
            { context: 'assets', projections: [assetClassNamesProjection] },
          ],
        }),
        AuthModule.forService({ env }),
      ],
      controllers: [StatisticsHttpController],
      providers: [
        { provide: REPORTING_SETTINGS, useValue: settings },
        { provide: STATISTICS_VERSION, useValue: options.statisticsVersion ?? statisticsVersion() },
        DirectoryReader,
        StatisticsVersions,
        StatisticsFeed,
        StatisticsQueries,
        StatisticLabels,
      ],
    };
  }
}
