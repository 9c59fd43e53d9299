import { stringify } from 'csv-stringify/sync';
import { AGREEMENT_OUTCOMES, type DurationStatistic, type StatisticRow } from './statistic-rows';

/** Characters that make a spreadsheet read a cell as a formula (or hide what follows). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell a user may have typed (a location, a name) stays text: a leading quote defuses a formula. */
export const neutralised = (cell: string): string => (FORMULA_START.test(cell) ? `'${cell}` : cell);

const DURATION_COLUMNS = ['count', 'average_seconds', 'p90_seconds'];
const DURATIONS = [
  ['time_to_own', 'timeToOwn'],
  ['time_to_solve', 'timeToSolve'],
  ['time_to_close', 'timeToClose'],
  ['waiting', 'waiting'],
] as const;
const BUSINESS = 'business_';

const HEADER = [
  'period',
  'value',
  'label',
  'opened',
  'solved',
  'closed',
  'reopened',
  'late',
  'backlog',
  ...DURATIONS.flatMap(([name]) => DURATION_COLUMNS.map((column) => `${name}_${column}`)),
  ...DURATIONS.flatMap(([name]) => DURATION_COLUMNS.map((column) => `${BUSINESS}${name}_${column}`)),
  'satisfaction_answered',
  'satisfaction_average',
  'satisfaction_answer_rate',
  ...AGREEMENT_OUTCOMES,
];

const durationCells = ({ count, average, p90 }: DurationStatistic) => [count, average ?? '', p90 ?? ''];

/** A statistics table as CSV (RFC 4180), a header line first. */
export function statisticsCsv(rows: ReadonlyArray<StatisticRow & { label: string | null }>): string {
  const lines = rows.map((row) => [
    row.period,
    neutralised(row.value),
    neutralised(row.label ?? ''),
    row.opened,
    row.solved,
    row.closed,
    row.reopened,
    row.late,
    row.backlog,
    ...DURATIONS.flatMap(([, field]) => durationCells(row[field])),
    ...DURATIONS.flatMap(([, field]) => durationCells(row.businessTime[field])),
    row.satisfaction.answered,
    row.satisfaction.average ?? '',
    row.satisfaction.answerRate ?? '',
    ...AGREEMENT_OUTCOMES.map((outcome) => row.agreements[outcome]),
  ]);
  return stringify([HEADER, ...lines]);
}
