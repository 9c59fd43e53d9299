import { DateTime } from 'luxon';

export interface Depreciation {
  /** purchase value */
  value: number;
  method: 'linear' | 'decreasing';
  years: number;
  /** decreasing only: the rate is coefficient / years (French "amortissement dégressif") */
  coefficient: number | null;
  /** the day depreciation starts: in-service date, else purchase date */
  startDate: string;
}

/**
 * The net book value on `day` (GLPI's "valeur nette comptable"), to the cent. Linear: the value
 * falls evenly over the years. Decreasing: each year takes `coefficient / years` of what is left,
 * or the linear share of what is left over the remaining years once that is larger, so that it
 * reaches 0 at the end. Within a year the year's depreciation is spread by days.
 */
export function netValue(depreciation: Depreciation, day: string): number {
  const { value, years } = depreciation;
  const elapsed = yearsBetween(depreciation.startDate, day);
  if (elapsed <= 0) return value;
  if (elapsed >= years) return 0;
  const whole = Math.floor(elapsed);
  let left = value;
  for (let year = 0; year < whole; year += 1) left -= yearlyDepreciation(depreciation, left, year);
  const current = yearlyDepreciation(depreciation, left, whole) * (elapsed - whole);
  return Math.max(0, Math.round((left - current) * 100) / 100);
}

function yearlyDepreciation({ method, value, years, coefficient }: Depreciation, left: number, year: number): number {
  if (method === 'linear') return value / years;
  const linearOfRest = left / (years - year);
  return Math.max(left * ((coefficient ?? 1) / years), linearOfRest);
}

/** Whole years between two days, plus the fraction of the year under way. */
function yearsBetween(from: string, to: string): number {
  const start = DateTime.fromISO(from, { zone: 'utc' });
  const end = DateTime.fromISO(to, { zone: 'utc' });
  if (end <= start) return 0;
  const whole = Math.floor(end.diff(start, 'years').years);
  const yearStart = start.plus({ years: whole });
  const yearEnd = start.plus({ years: whole + 1 });
  return whole + end.diff(yearStart, 'days').days / yearEnd.diff(yearStart, 'days').days;
}
