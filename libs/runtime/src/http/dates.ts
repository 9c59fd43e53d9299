import { DAY_FORMAT, INSTANT_FORMAT, parseCalendarDay, parseInstant } from '@itsm/domain';
import { ValidateBy } from 'class-validator';

// Date fields of requests and query strings: a value that is no real date is a 400 naming the
// field, so that nothing downstream ever meets an Invalid Date.

/** An instant: an RFC 3339 date-time with its offset (see INSTANT_FORMAT). */
export const IsInstant = () =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value) => parseInstant(value) !== null,
      defaultMessage: (args) => `${args?.property} must be ${INSTANT_FORMAT}`,
    },
  });

/** A calendar day, YYYY-MM-DD, that exists. */
export const IsCalendarDay = () =>
  ValidateBy({
    name: 'isCalendarDay',
    validator: {
      validate: (value) => parseCalendarDay(value) !== null,
      defaultMessage: (args) => `${args?.property} must be ${DAY_FORMAT}`,
    },
  });

/** A bound of a date range: an instant, or a whole calendar day (UTC). */
export const IsInstantOrDay = () =>
  ValidateBy({
    name: 'isInstantOrDay',
    validator: {
      validate: (value) => parseInstant(value) !== null || parseCalendarDay(value) !== null,
      defaultMessage: (args) => `${args?.property} must be ${INSTANT_FORMAT}, or ${DAY_FORMAT} (a whole day, UTC)`,
    },
  });
