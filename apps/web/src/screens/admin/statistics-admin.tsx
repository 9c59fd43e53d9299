import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { answer, reportingApi } from '../../api/clients';
import { DataTable } from '../../components/data-table';
import { OptionSelect } from '../../components/option-select';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { lastYear } from './statistics-range';

/** A row of a reporting table: a period and a value (a technician, a category…) with its counters. */
interface StatisticRow {
  period: string;
  value: string;
  label: string | null;
  opened: number;
  solved: number;
  closed: number;
  late: number;
  backlog: number;
  timeToSolve: { count: number; average: number | null };
}

const TABLES = ['all', 'entity', 'technician', 'group', 'category', 'priority', 'type'] as const;
const PERIODS = ['month', 'week', 'day'] as const;

/** The reporting service's statistics (GLPI's Statistiques): a table by period and dimension. */
export function StatisticsAdmin() {
  const { t } = useI18n();
  const [table, setTable] = useState<(typeof TABLES)[number]>('all');
  const [period, setPeriod] = useState<(typeof PERIODS)[number]>('month');
  const range = lastYear(new Date());
  const rows = useQuery({
    queryKey: ['statistics', table, period, range.from, range.to],
    queryFn: async () =>
      (
        await answer<{ rows: StatisticRow[] }>(
          reportingApi.GET('/api/statistics/tables/{table}', {
            params: { path: { table }, query: { period, ...range } },
          }),
        )
      ).rows,
  });
  const hours = (seconds: number | null) => (seconds === null ? '' : (seconds / 3600).toFixed(1));
  return (
    <>
      <form className="card criteria" aria-label={t('criteria')} onSubmit={(event) => event.preventDefault()}>
        <OptionSelect
          id="statistics-table"
          label={t('stats.table')}
          value={table}
          required
          options={TABLES.map((name) => [name, t(`stats.table.${name}` as MessageKey)])}
          onChange={(chosen) => setTable((chosen || 'all') as (typeof TABLES)[number])}
        />
        <OptionSelect
          id="statistics-period"
          label={t('stats.period')}
          value={period}
          required
          options={PERIODS.map((name) => [name, t(`stats.period.${name}` as MessageKey)])}
          onChange={(chosen) => setPeriod((chosen || 'month') as (typeof PERIODS)[number])}
        />
      </form>
      <DataTable
        caption={t('stats.title', range)}
        rows={rows.data}
        rowKey={(row) => `${row.period}-${row.value}`}
        columns={[
          { header: t('stats.period'), cell: (row) => row.period },
          table !== 'all' && { header: t(`stats.table.${table}` as MessageKey), cell: (row) => row.label ?? row.value },
          { header: t('stats.opened'), cell: (row) => row.opened },
          { header: t('stats.solved'), cell: (row) => row.solved },
          { header: t('stats.closed'), cell: (row) => row.closed },
          { header: t('stats.late'), cell: (row) => row.late },
          { header: t('stats.backlog'), cell: (row) => row.backlog },
          { header: t('stats.timeToSolve'), cell: (row) => hours(row.timeToSolve.average) },
        ]}
      />
    </>
  );
}
