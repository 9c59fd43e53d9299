// Reading an agent's section values: XML gives every value as text, JSON as typed values, and the
// same section may hold one item or a list of them.

export type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A section as a list of items, whether the agent sent one item or several. */
export function items(value: unknown): Fields[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).filter(isFields);
}

/** The section as one item (the first when the agent sent several). */
export const item = (value: unknown): Fields => items(value)[0] ?? {};

/** The first non-empty text among these keys, trimmed, blanks collapsed. */
export function text(fields: Fields, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = fields[key];
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const cleaned = normaliseName(String(value));
    if (cleaned) return cleaned;
  }
  return undefined;
}

/** A whole, non-negative number ("1867 MHz" gives 1867). */
export function count(fields: Fields, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const value = fields[key];
    const parsed = typeof value === 'number' ? value : parseInt(String(value ?? ''), 10);
    if (Number.isFinite(parsed) && parsed >= 0) return Math.trunc(parsed);
  }
  return undefined;
}

export function yes(fields: Fields, key: string): boolean | undefined {
  const value = fields[key];
  if (value === undefined || value === null || value === '') return undefined;
  return value === true || value === 1 || ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());
}

/**
 * A day as YYYY-MM-DD from the agents' forms: ISO (JSON), "DD/MM/YYYY" (software on Windows) or
 * "MM/DD/YYYY" (dmidecode's BIOS date); impossible days are dropped.
 */
export function day(fields: Fields, key: string, slashed: 'day-first' | 'month-first'): string | undefined {
  const value = String(fields[key] ?? '').trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  const slash = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const [year, month, date] = iso
    ? [iso[1], iso[2], iso[3]]
    : slash
      ? slashed === 'day-first'
        ? [slash[3], slash[2], slash[1]]
        : [slash[3], slash[1], slash[2]]
      : [];
  if (!year) return undefined;
  const parsed = new Date(Date.UTC(Number(year), Number(month) - 1, Number(date)));
  if (parsed.getUTCMonth() !== Number(month) - 1 || parsed.getUTCDate() !== Number(date)) return undefined;
  return parsed.toISOString().slice(0, 10);
}

/** Names as events carry them: Unicode-composed, trimmed, inner blanks collapsed to one space. */
export function normaliseName(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

// Placeholders vendors leave in the DMI tables: a serial that identifies nothing
const placeholderSerials = new Set(
  [
    '',
    '0',
    '00000000',
    '0123456789',
    '123456789',
    'default string',
    'none',
    'n/a',
    'not applicable',
    'not available',
    'not specified',
    'serial number',
    'system serial number',
    'to be filled by o.e.m.',
    'invalid',
  ].map((serial) => serial.toLowerCase()),
);

export function serial(fields: Fields, ...keys: string[]): string | undefined {
  const value = text(fields, ...keys);
  return value && !placeholderSerials.has(value.toLowerCase()) ? value : undefined;
}

/** A MAC address lower case with colons; the all-zero one (loopback) is no address. */
export function mac(fields: Fields, ...keys: string[]): string | undefined {
  const value = text(fields, ...keys)
    ?.toLowerCase()
    .replace(/-/g, ':');
  return value && /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(value) && value !== '00:00:00:00:00:00' ? value : undefined;
}

/** Drops the keys whose value is undefined, so that equal items compare equal. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
