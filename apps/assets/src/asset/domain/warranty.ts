import { DateTime } from 'luxon';
import type { AssetFields } from '@itsm/contracts';

/** GLPI's warranty duration meaning "for life". */
export const LIFELONG = -1;

/**
 * The last day under warranty: the start plus the duration in months, less a day (a year from
 * 2024-01-01 ends on 2024-12-31). Null when there is no start or duration, or it is lifelong.
 */
export function warrantyExpiresOn(fields: Pick<AssetFields, 'warrantyStartDate' | 'warrantyMonths'>): string | null {
  const { warrantyStartDate: start, warrantyMonths: months } = fields;
  if (!start || months === undefined || months === null || months === LIFELONG || months === 0) return null;
  return DateTime.fromISO(start, { zone: 'utc' }).plus({ months }).minus({ days: 1 }).toISODate();
}

/** The day `daysBefore` days before the expiry: when the notice is due. */
export function warrantyNoticeDay(expiresOn: string, daysBefore: number): string {
  return DateTime.fromISO(expiresOn, { zone: 'utc' }).minus({ days: daysBefore }).toISODate()!;
}
