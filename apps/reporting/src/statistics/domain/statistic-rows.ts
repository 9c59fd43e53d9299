import { quantileOf } from './duration-sketch';

/** A bucket as read: its period start, value on the dimension, and counters. */
export interface BucketCountersDoc {
  s: string;
  v: string;
  [counter: string]: unknown;
}

export interface DurationStatistic {
  count: number;
  /** seconds */
  average: number | null;
  /** seconds, within 1 % */
  p90: number | null;
}

/** One line of a statistics table: a period and a value on the dimension. */
export interface StatisticRow {
  period: string;
  value: string;
  opened: number;
  solved: number;
  closed: number;
  reopened: number;
  late: number;
  /** tickets neither solved nor closed at the end of the period */
  backlog: number;
  timeToOwn: DurationStatistic;
  timeToSolve: DurationStatistic;
  timeToClose: DurationStatistic;
  waiting: DurationStatistic;
  /** the same four durations in business time: on the calendar of the ticket's SLA (wall clock without one) */
  businessTime: {
    timeToOwn: DurationStatistic;
    timeToSolve: DurationStatistic;
    timeToClose: DurationStatistic;
    waiting: DurationStatistic;
  };
  satisfaction: { answered: number; average: number | null; answerRate: number | null };
  agreements: Record<AgreementOutcome, number>;
}

export const AGREEMENT_OUTCOMES = [
  'sla_tto_met',
  'sla_tto_breached',
  'sla_ttr_met',
  'sla_ttr_breached',
  'ola_tto_met',
  'ola_tto_breached',
  'ola_ttr_met',
  'ola_ttr_breached',
] as const;
export type AgreementOutcome = (typeof AGREEMENT_OUTCOMES)[number];

const COUNTERS = ['opened', 'solved', 'closed', 'reopened', 'late', 'backlog', 'sat_n', 'sat_s'] as const;
/** wall-clock durations; `b<name>` holds the business ones' difference from them (see contributions) */
const DURATIONS = ['tto', 'solve', 'close', 'wait'] as const;
type Duration = (typeof DURATIONS)[number];
const BUSINESS = DURATIONS.map((duration) => `b${duration}`);

/** every counter of a bucket that is summed (its bins apart, BINS) */
export const SUMMED = [
  ...COUNTERS,
  ...AGREEMENT_OUTCOMES,
  ...DURATIONS.flatMap((d) => [`${d}_n`, `${d}_s`]),
  ...BUSINESS.map((b) => `${b}_s`),
];
const INDEX = new Map(SUMMED.map((name, index) => [name, index]));
export const BINS = [...DURATIONS, ...BUSINESS].map((duration) => `${duration}_h`);

/**
 * The sums of some buckets: plain counters, and each duration's count, sum and bins. A table sums
 * thousands of buckets: an array of counters and bins merged in place keep the allocations few.
 */
class Sums {
  readonly counters = new Float64Array(SUMMED.length);
  readonly bins: Array<Record<string, number> | undefined> = new Array(BINS.length);

  add(doc: BucketCountersDoc): void {
    for (let index = 0; index < SUMMED.length; index++) {
      const amount = doc[SUMMED[index]];
      if (typeof amount === 'number') this.counters[index] += amount;
    }
    for (let index = 0; index < BINS.length; index++) {
      const source = doc[BINS[index]] as Record<string, number> | undefined;
      if (!source) continue;
      const target = (this.bins[index] ??= {});
      for (const bin in source) target[bin] = (target[bin] ?? 0) + source[bin];
    }
  }

  isEmpty(): boolean {
    return this.counters.every((amount) => amount === 0);
  }

  get(name: string): number {
    return this.counters[INDEX.get(name)!];
  }

  /** A duration on the wall clock, or in business time: the wall clock's plus the differences. */
  duration(name: Duration, business = false): DurationStatistic {
    const count = this.get(`${name}_n`);
    return {
      count,
      average: count === 0 ? null : Math.round(this.sumOf(name, business) / count),
      p90: quantileOf(this.binsOf(name, business), 0.9),
    };
  }

  private sumOf(name: Duration, business: boolean): number {
    return this.get(`${name}_s`) + (business ? this.get(`b${name}_s`) : 0);
  }

  private binsOf(name: Duration, business: boolean): Record<string, number> {
    const wall = this.bins[DURATIONS.indexOf(name)] ?? {};
    const differences = business ? this.bins[DURATIONS.length + DURATIONS.indexOf(name)] : undefined;
    if (!differences) return wall;
    const merged = { ...wall };
    for (const bin in differences) merged[bin] = (merged[bin] ?? 0) + differences[bin];
    return merged;
  }
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

/**
 * The table of a dimension: one row per period and value, summed over the buckets given (the
 * caller's entities). `backlogBefore` holds each value's open tickets before the first period.
 */
export function statisticRows(
  periods: readonly string[],
  buckets: readonly BucketCountersDoc[],
  backlogBefore: ReadonlyMap<string, number>,
): StatisticRow[] {
  const sums = new Map<string, Sums>();
  const values = new Set([...backlogBefore].filter(([, open]) => open !== 0).map(([value]) => value));
  for (const doc of buckets) {
    values.add(doc.v);
    const key = `${doc.s}|${doc.v}`;
    let sum = sums.get(key);
    if (!sum) sums.set(key, (sum = new Sums()));
    sum.add(doc);
  }
  const rows: StatisticRow[] = [];
  for (const value of [...values].sort()) {
    let backlog = backlogBefore.get(value) ?? 0;
    const ofValue = periods.map((period) => {
      const sum = sums.get(`${period}|${value}`) ?? new Sums();
      backlog += sum.get('backlog');
      return { row: rowOf(period, value, sum, backlog), empty: sum.isEmpty() && backlog === 0 };
    });
    // a value whose tickets all went elsewhere (reclassified, reassigned) leaves buckets of zeros
    if (ofValue.some(({ empty }) => !empty)) rows.push(...ofValue.map(({ row }) => row));
  }
  return rows;
}

function rowOf(period: string, value: string, sum: Sums, backlog: number): StatisticRow {
  const answered = sum.get('sat_n');
  return {
    period,
    value,
    opened: sum.get('opened'),
    solved: sum.get('solved'),
    closed: sum.get('closed'),
    reopened: sum.get('reopened'),
    late: sum.get('late'),
    backlog,
    timeToOwn: sum.duration('tto'),
    timeToSolve: sum.duration('solve'),
    timeToClose: sum.duration('close'),
    waiting: sum.duration('wait'),
    businessTime: {
      timeToOwn: sum.duration('tto', true),
      timeToSolve: sum.duration('solve', true),
      timeToClose: sum.duration('close', true),
      waiting: sum.duration('wait', true),
    },
    satisfaction: {
      answered,
      average: ratio(sum.get('sat_s'), answered),
      answerRate: ratio(answered, sum.get('closed')),
    },
    agreements: Object.fromEntries(
      AGREEMENT_OUTCOMES.map((name) => [name, sum.get(name)]),
    ) as StatisticRow['agreements'],
  };
}
