import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { STATISTICS } from './domain/statistic-catalogue';
import { statisticsCsv } from './domain/statistics-csv';
import { StatisticsQueries, StatisticsQuery, TABLES, type Table } from './queries/statistics.query';
import { StatisticsFeed } from './statistics.feed';
import { StatisticsVersions } from './statistics.versions';

export class TableParam {
  @IsIn(TABLES)
  table!: Table;
}

/** GLPI's Statistics pages: tables by period and dimension over the caller's entities, and their CSV. */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('api/statistics')
export class StatisticsHttpController {
  constructor(
    private readonly queries: StatisticsQueries,
    private readonly versions: StatisticsVersions,
    private readonly feed: StatisticsFeed,
  ) {}

  @Get('tables/:table')
  @RequireRights('statistic.read')
  @ApiParam({ name: 'table', enum: TABLES })
  table(@CurrentCaller() caller: Caller, @Param() { table }: TableParam, @Query() query: StatisticsQuery) {
    return this.queries.table(caller, table, query);
  }

  @Get('tables/:table/csv')
  @RequireRights('statistic.read')
  @ApiParam({ name: 'table', enum: TABLES })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'the table as CSV; cells starting with = + - @ tab or CR are prefixed with a quote' })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="statistics.csv"')
  async csv(@CurrentCaller() caller: Caller, @Param() { table }: TableParam, @Query() query: StatisticsQuery) {
    return statisticsCsv((await this.queries.table(caller, table, query)).rows);
  }

  /** The statistics kept and their versions: a changed version is recomputed from the topics' beginning. */
  @Get('definitions')
  @RequireRights('statistic.read')
  definitions() {
    return { version: this.versions.own, statistics: STATISTICS };
  }

  /** The versions of the statistics, the one answering, and how far the one this process fills has read. */
  @Get('versions')
  @RequireRights('statistic.read')
  async list() {
    const [versions, progress] = await Promise.all([this.versions.list(), this.feed.progress()]);
    return {
      versions: versions.map((version) =>
        version.version === this.versions.own
          ? { ...version, progress: { ...progress, percent: percentOf(progress.read, progress.total) } }
          : version,
      ),
    };
  }
}

const percentOf = (read: number, total: number) => (total === 0 ? 100 : Math.floor((read / total) * 1000) / 10);
