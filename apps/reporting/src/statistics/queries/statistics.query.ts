import { Inject, Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { DateTime } from 'luxon';
import type { Connection } from 'mongoose';
import { EntityTreeReader, type Caller } from '@itsm/auth';
import { DomainError } from '@itsm/domain';
import { ID_PATTERN, IsCalendarDay, MONGO_CONNECTION } from '@itsm/runtime';
import { REPORTING_SETTINGS, type ReportingSettings } from '../../reporting.env';
import { PERIODS, periodsBetween, type Period } from '../domain/periods';
import { DIMENSIONS } from '../domain/statistic-catalogue';
import { statisticRows, type BucketCountersDoc, type StatisticRow } from '../domain/statistic-rows';
import { tableIdsOf } from '../domain/statistic-tables';
import { StatisticsVersions } from '../statistics.versions';
import { StatisticLabels } from './statistic-labels';
import { StatisticTablesReader, type PeriodRow, type TablesView } from './statistic-tables.reader';

/** The dimensions a table is asked by: those kept, and the entity (the buckets' own key). */
export const TABLES = [...DIMENSIONS, 'entity'] as const;
export type Table = (typeof TABLES)[number];

/** At most this many periods in one table: ten years of months, three of weeks, a year and more of days. */
const MAX_PERIODS = 500;

export class StatisticsQuery {
  @ApiProperty({ enum: PERIODS, description: 'days, ISO weeks (from Monday) or months, in REPORTING_TIME_ZONE' })
  @IsIn(PERIODS)
  period!: Period;

  @ApiProperty({ description: 'first day (YYYY-MM-DD), taken back to its period’s start' })
  @IsCalendarDay()
  from!: string;

  @ApiProperty({ description: 'day after the last one (YYYY-MM-DD), excluded' })
  @IsCalendarDay()
  to!: string;

  @ApiPropertyOptional({ description: 'only this entity and its sub-entities (within your scope)' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'entityId must be an id' })
  entityId?: string;
}

export interface StatisticsTable {
  /** the version of the statistics that answered (see GET /api/statistics/versions) */
  version: string;
  timeZone: string;
  table: Table;
  period: Period;
  periods: string[];
  rows: Array<StatisticRow & { label: string | null }>;
}

/**
 * Statistics tables over the caller's entities: the buckets of the version answering, summed per
 * period and value. GLPI's Statistics pages, with a manager seeing only his entities' tickets.
 */
@Injectable()
export class StatisticsQueries {
  private readonly reader: StatisticTablesReader;

  constructor(
    @Inject(MONGO_CONNECTION) connection: Connection,
    @Inject(REPORTING_SETTINGS) private readonly settings: ReportingSettings,
    private readonly versions: StatisticsVersions,
    private readonly tree: EntityTreeReader,
    private readonly labels: StatisticLabels,
  ) {
    this.reader = new StatisticTablesReader(connection, settings.queryFreshMs);
  }

  async table(caller: Caller, table: Table, query: StatisticsQuery): Promise<StatisticsTable> {
    const periods = this.periodsOf(query);
    const entities = new Set(await this.entitiesOf(caller, query.entityId));
    const version = await this.versions.answering();
    const view = await this.reader.view(version);
    const dimension = table === 'entity' ? 'all' : table;
    const [found, before] = await Promise.all([
      this.buckets(view, query.period, periods, dimension, entities),
      this.backlogBefore(view, dimension, entities, periods[0]),
    ]);
    const byTable = (row: BucketCountersDoc & { e: string }) => (table === 'entity' ? { ...row, v: row.e } : row);
    const rows = statisticRows(periods, found.map(byTable), this.backlogByValue(before.map(byTable)));
    const names = await this.labels.of(table, [...new Set(rows.map((row) => row.value))]);
    return {
      version,
      timeZone: this.settings.calendar.zone,
      table,
      period: query.period,
      periods,
      rows: rows.map((row) => ({ ...row, label: names.get(row.value) ?? null })),
    };
  }

  /** The buckets of the caller's entities in some periods: each period's table documents, read by id. */
  private async buckets(
    view: TablesView,
    period: Period,
    starts: readonly string[],
    dimension: string,
    entities: ReadonlySet<string>,
  ): Promise<Array<BucketCountersDoc & { e: string }>> {
    const docs = await view.tables(starts.flatMap((start) => tableIdsOf(period, start, dimension)));
    // the reader gave each cached row its period's start (s)
    return docs.flatMap((doc) => (doc ? (doc.rows as PeriodRow[]).filter((row) => entities.has(row.e)) : []));
  }

  private periodsOf({ period, from, to }: StatisticsQuery): string[] {
    if (to <= from) throw new DomainError('invalid', 'to must come after from', { details: { field: 'to' } });
    const starts = periodsBetween(period, from, to);
    if (starts.length > MAX_PERIODS) {
      throw new DomainError('invalid', `at most ${MAX_PERIODS} periods at once`, { details: { field: 'from' } });
    }
    return starts;
  }

  /** The caller's entities, or those of one entity's subtree when it is within them. */
  private async entitiesOf(caller: Caller, entityId: string | undefined): Promise<string[]> {
    if (entityId === undefined) return [...caller.scope];
    if (!caller.scope.includes(entityId)) {
      throw new DomainError('forbidden', `entity ${entityId} is outside your scope`, {
        details: { field: 'entityId' },
      });
    }
    const subtree = new Set([entityId, ...(await this.tree.tree()).descendantsOf(entityId)]);
    return caller.scope.filter((id) => subtree.has(id));
  }

  /**
   * The backlog's moves before the first period: whole months from the version's first one to the
   * first period's month, then that month's days before the first period (a week may start in the
   * month before: its days are then in the months' part).
   */
  private async backlogBefore(
    view: TablesView,
    dimension: string,
    entities: ReadonlySet<string>,
    first: string,
  ): Promise<Array<BucketCountersDoc & { e: string }>> {
    const month = DateTime.fromISO(first, { zone: 'UTC' }).startOf('month').toISODate()!;
    const { firstMonth } = view;
    const months = firstMonth && firstMonth < month ? periodsBetween('month', firstMonth, month) : [];
    const days = periodsBetween('day', month, first);
    const [before, inMonth] = await Promise.all([
      this.buckets(view, 'month', months, dimension, entities),
      this.buckets(view, 'day', days, dimension, entities),
    ]);
    return [...before, ...inMonth];
  }

  private backlogByValue(docs: BucketCountersDoc[]): Map<string, number> {
    const open = new Map<string, number>();
    for (const doc of docs) open.set(doc.v, (open.get(doc.v) ?? 0) + ((doc.backlog as number) ?? 0));
    return open;
  }
}
