import { UNLIMITED } from './seats';

/** What compliance needs of a licence. */
export interface LicenseSeats {
  seats: number;
  assigned: number;
  expiresAt: string | null;
}

export interface LicenseCompliance {
  /** -1: unlimited */
  seatsBought: number;
  seatsUsed: number;
  /** null when unlimited */
  seatsFree: number | null;
  expired: boolean;
  /** more computers assigned than seats bought (allowed only with over-quota) */
  overQuota: boolean;
  /** in use within its seats and not expired */
  compliant: boolean;
}

const isExpired = (expiresAt: string | null, now: Date) => expiresAt !== null && Date.parse(expiresAt) <= now.getTime();

/** GLPI's "Valide" of a licence: used seats against seats bought, and its expiry. */
export function licenseCompliance(license: LicenseSeats, now: Date): LicenseCompliance {
  const unlimited = license.seats === UNLIMITED;
  const overQuota = !unlimited && license.assigned > license.seats;
  const expired = isExpired(license.expiresAt, now);
  return {
    seatsBought: license.seats,
    seatsUsed: license.assigned,
    seatsFree: unlimited ? null : Math.max(0, license.seats - license.assigned),
    expired,
    overQuota,
    compliant: !overQuota && !expired,
  };
}

export interface SoftwareCompliance {
  /** seats of the software's licences still valid; -1 when one of them is unlimited */
  seatsBought: number;
  /** computers given a seat of one of its valid licences */
  seatsAssigned: number;
  /** computers on which a version of it is installed */
  installations: number;
  /** installations without a seat to cover them (0 when unlimited) */
  uncovered: number;
  compliant: boolean;
}

/**
 * A software is compliant when its valid licences' seats cover every computer it is installed on
 * (GLPI's licence report: installations against the number of licences). Expired licences count
 * for nothing.
 */
export function softwareCompliance(
  licenses: readonly LicenseSeats[],
  installations: number,
  now: Date,
): SoftwareCompliance {
  const valid = licenses.filter((license) => !isExpired(license.expiresAt, now));
  const unlimited = valid.some((license) => license.seats === UNLIMITED);
  const seatsBought = unlimited ? UNLIMITED : valid.reduce((sum, license) => sum + license.seats, 0);
  const seatsAssigned = valid.reduce((sum, license) => sum + license.assigned, 0);
  const uncovered = unlimited ? 0 : Math.max(0, installations - seatsBought);
  return {
    seatsBought,
    seatsAssigned,
    installations,
    uncovered,
    compliant: uncovered === 0 && (unlimited || seatsAssigned <= seatsBought),
  };
}
