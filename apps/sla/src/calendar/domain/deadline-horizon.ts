import type { AgreementTerms, CalendarDefinition } from '@itsm/contracts';
import { agreementEnd } from '@itsm/domain';

export type AgreementLength = Pick<AgreementTerms, 'name' | 'duration' | 'unit'>;

/**
 * Why an agreement cannot run on a calendar: started `now`, its deadline would fall beyond the
 * horizon (a calendar that opens little, or closes long, and a long agreement). Null when it fits.
 */
export function beyondHorizon(
  calendar: CalendarDefinition,
  { name, duration, unit }: AgreementLength,
  now: Date,
  horizonDays: number,
): string | null {
  if (agreementEnd(calendar, now, duration, unit, horizonDays) !== null) return null;
  return (
    `agreement "${name}" (${duration} ${unit}) on calendar "${calendar.name}" would end more than ` +
    `${horizonDays} days after its start, beyond the deadline horizon: shorten it or open the calendar longer`
  );
}
