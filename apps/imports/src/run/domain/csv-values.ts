import { DateTime } from 'luxon';

/** Data Injection's date formats: the order of day, month and year; `-` or `/` between them. */
export const DATE_FORMATS = ['yyyy-mm-dd', 'dd-mm-yyyy', 'mm-dd-yyyy'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** Data Injection's decimal formats: `1234,56`, `1234.56`, `1,234.56` (spaces always stripped). */
export const FLOAT_FORMATS = ['comma', 'dot', 'thousands-comma'] as const;
export type FloatFormat = (typeof FLOAT_FORMATS)[number];

const DATE_PATTERNS: Record<DateFormat, RegExp> = {
  'yyyy-mm-dd': /^(?<year>\d{4})[-/](?<month>\d{1,2})[-/](?<day>\d{1,2})$/,
  'dd-mm-yyyy': /^(?<day>\d{1,2})[-/](?<month>\d{1,2})[-/](?<year>\d{4})$/,
  'mm-dd-yyyy': /^(?<month>\d{1,2})[-/](?<day>\d{1,2})[-/](?<year>\d{4})$/,
};

/** The calendar day (YYYY-MM-DD) a cell names, or null when it is not a real day in that format (2026-02-30). */
export function parseDay(cell: string, format: DateFormat): string | null {
  const parts = DATE_PATTERNS[format].exec(cell.trim())?.groups;
  if (!parts) return null;
  const day = DateTime.fromObject(
    { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) },
    { zone: 'utc' },
  );
  return day.isValid ? day.toISODate() : null;
}

const DECIMAL_PATTERNS: Record<FloatFormat, RegExp> = {
  comma: /^-?\d+(,\d+)?$/,
  dot: /^-?\d+(\.\d+)?$/,
  'thousands-comma': /^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$/,
};

/** The number a cell writes in the model's format (spaces, non-breaking ones included, stripped), or null. */
export function parseDecimal(cell: string, format: FloatFormat): number | null {
  const compact = cell.replace(/[\s\u00a0\u202f]/g, '');
  if (!DECIMAL_PATTERNS[format].test(compact)) return null;
  const canonical = format === 'comma' ? compact.replace(',', '.') : compact.replace(/,/g, '');
  const value = Number(canonical);
  return Number.isFinite(value) ? value : null;
}

export function parseInteger(cell: string): number | null {
  const compact = cell.replace(/[\s\u00a0\u202f]/g, '');
  return /^-?\d{1,15}$/.test(compact) ? Number(compact) : null;
}

const TRUE_WORDS = new Set(['1', 'oui', 'yes', 'true', 'vrai', 'o', 'y']);
const FALSE_WORDS = new Set(['0', 'non', 'no', 'false', 'faux', 'n']);

export function parseBoolean(cell: string): boolean | null {
  const word = cell.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}

/** A MAC address in any usual writing (`:`, `-`, `.` or none), lower-case with colons, or null. */
export function parseMac(cell: string): string | null {
  const hex = cell.trim().toLowerCase().replace(/[:.-]/g, '');
  return /^[0-9a-f]{12}$/.test(hex) ? hex.match(/../g)!.join(':') : null;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function parseIp(cell: string): string | null {
  const value = cell.trim();
  if (IPV4.test(value)) return value;
  return /^[0-9a-f:]+$/i.test(value) && value.includes(':') && value.length <= 39 ? value.toLowerCase() : null;
}

export const parseEmail = (cell: string): string | null => {
  const value = cell.trim();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) && value.length <= 254 ? value : null;
};

/**
 * A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return
 * first), made inert with a leading apostrophe: written to a CSV people open, it stays text.
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
