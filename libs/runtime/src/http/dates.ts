import { DAY_FORMAT, INSTANT_FORMAT, parseCalendarDay, parseInstant } from '@itsm/domain';
import { ValidateBy } from 'class-validator';

// Date fields of requests and query strings: a value that is no real date is a 400 naming the
// field, so that nothing downstream ever meets an Invalid Date.

const dateRule = (name: string, accepts: (value: unknown) => boolean, expected: string) => () =>
  ValidateBy({
    name,
    validator: { validate: accepts, defaultMessage: (args) => `${args?.property} must be ${expected}` },
  });

const isInstant = (value: unknown) => parseInstant(value) !== null;
const isDay = (value: unknown) => parseCalendarDay(value) !== null;

/** An instant: an RFC 3339 date-time with its offset (see INSTANT_FORMAT). */
export const IsInstant = dateRule('isInstant', isInstant, INSTANT_FORMAT);

/** A calendar day, YYYY-MM-DD, that exists. */
export const IsCalendarDay = dateRule('isCalendarDay', isDay, DAY_FORMAT);

/** A bound of a date range: an instant, or a whole calendar day (UTC). */
export const IsInstantOrDay = dateRule(
  'isInstantOrDay',
  (value) => isInstant(value) || isDay(value),
  `${INSTANT_FORMAT}, or ${DAY_FORMAT} (a whole day, UTC)`,
);
