import type { LicenseTerms } from '../../api/parc-commands';
import type { License } from '../../api/parc-views';

/** What the licence form's inputs hold. */
export interface LicenseTermsValues {
  name: string;
  serial: string;
  /** a whole number, ignored when unlimited */
  seats: string;
  unlimited: boolean;
  /** the last valid day (YYYY-MM-DD), '' for never */
  expiresOn: string;
  overQuotaAllowed: boolean;
}

export function licenseTermsValues(license?: License): LicenseTermsValues {
  return {
    name: license?.name ?? '',
    serial: license?.serial ?? '',
    seats: license && license.seats !== -1 ? String(license.seats) : '1',
    unlimited: license?.seats === -1,
    expiresOn: license?.expiresAt?.slice(0, 10) ?? '',
    overQuotaAllowed: license?.overQuotaAllowed ?? false,
  };
}

/**
 * The licence's terms as the API takes them: unlimited is -1 seats; a licence expires at the end
 * (UTC) of the last day typed, so that it still counts on that day, as GLPI's expiry date does.
 */
export function licenseTermsOf(values: LicenseTermsValues): LicenseTerms {
  return {
    name: values.name.trim(),
    serial: values.serial.trim() || null,
    seats: values.unlimited ? -1 : Number(values.seats),
    expiresAt: values.expiresOn ? `${values.expiresOn}T23:59:59.999Z` : null,
    overQuotaAllowed: values.overQuotaAllowed,
  };
}
