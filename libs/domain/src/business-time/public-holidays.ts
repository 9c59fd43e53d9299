import type { PublicHolidays } from '@itsm/contracts';
import type { FieldError } from '../domain-error';
import type Holidays from 'date-holidays';

// A country's or region's public holidays, movable feasts included (Easter Monday, Ascension,
// Whit Monday...), from the date-holidays rules. Only type "public" closes a calendar: bank
// holidays, observances and school holidays do not. Each closes its whole local day.

/** Years of public holidays kept per country or region: a deadline reaches at most a few. */
const MAX_YEARS = 64;
/**
 * date-holidays reads every country's rules when loaded (~0.2 s): loaded at the first calendar
 * with public holidays, not by every user of @itsm/domain.
 */
let library: typeof Holidays | undefined;
const holidaysLibrary = (): typeof Holidays =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  (library ??= require('date-holidays') as typeof Holidays);
let catalogueLoaded: Holidays | undefined;
const catalogue = (): Holidays => (catalogueLoaded ??= new (holidaysLibrary())());
const rulesByPlace = new Map<string, Holidays>();
const yearsByPlace = new Map<string, Map<number, ReadonlySet<string>>>();

/** What is wrong with a country (and region) for the person who typed it; empty when usable. */
export function publicHolidayProblems({ country, region }: PublicHolidays): FieldError[] {
  const countries = catalogue().getCountries('en');
  if (!Object.hasOwn(countries, country)) {
    const message = `public holidays: country "${country}" is unknown: use an ISO 3166-1 code such as FR or DE`;
    return [{ field: 'publicHolidays.country', message }];
  }
  if (region === undefined) return [];
  const regions = catalogue().getStates(country, 'en') ?? {};
  if (Object.hasOwn(regions, region)) return [];
  const known = Object.keys(regions);
  const message =
    `public holidays: region "${region}" is unknown in ${countries[country]}` +
    (known.length > 0 ? ` (known: ${known.join(', ')})` : ': it has no regional holidays');
  return [{ field: 'publicHolidays.region', message }];
}

/** The public holidays of one year, as "YYYY-MM-DD" local days. */
export function publicHolidaysOf(place: PublicHolidays, year: number): ReadonlySet<string> {
  const key = placeKey(place);
  let years = yearsByPlace.get(key);
  if (!years) {
    years = new Map();
    yearsByPlace.set(key, years);
  }
  let days = years.get(year);
  if (!days) {
    days = new Set(
      rulesOf(key, place)
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    if (years.size >= MAX_YEARS) years.clear();
    years.set(year, days);
  }
  return days;
}

function rulesOf(key: string, { country, region }: PublicHolidays): Holidays {
  let rules = rulesByPlace.get(key);
  if (!rules) {
    const Rules = holidaysLibrary();
    rules = region === undefined ? new Rules(country) : new Rules(country, region);
    rulesByPlace.set(key, rules);
  }
  return rules;
}

const placeKey = ({ country, region }: PublicHolidays): string => (region ? `${country}-${region}` : country);
