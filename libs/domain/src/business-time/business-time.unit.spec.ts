import type { CalendarDefinition, Holiday, OpeningRange } from '@itsm/contracts';
import { DateTime } from 'luxon';
import {
  addAgreementDuration,
  addBusinessTime,
  agreementEnd,
  businessTimeBetween,
  DEFAULT_HORIZON_DAYS,
} from './business-time';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Given opening ranges on several weekdays ("du lundi au vendredi de 8 h à 17 h" is [1..5], 08:00-17:00). */
function hours(weekdays: number[], ...ranges: Array<[string, string]>): OpeningRange[] {
  return weekdays.flatMap((weekday) => ranges.map(([start, end]) => ({ weekday, start, end })));
}

function calendar(
  openingHours: OpeningRange[],
  holidays: Holiday[] = [],
  timeZone = 'Europe/Paris',
): CalendarDefinition {
  return { name: 'Service desk', timeZone, openingHours, holidays };
}

const WEEKDAYS = [1, 2, 3, 4, 5];
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const OFFICE = calendar(hours(WEEKDAYS, ['08:00', '17:00']));

/** A local wall-clock time ("2025-03-03 16:00") in a zone, as an instant. */
function at(local: string, zone = 'Europe/Paris'): Date {
  const parsed = DateTime.fromFormat(local, 'yyyy-MM-dd HH:mm', { zone });
  if (!parsed.isValid) throw new Error(`bad test time ${local}`);
  return parsed.toJSDate();
}

/** An instant as local wall-clock time, to compare with what a person would read. */
function local(date: Date, zone = 'Europe/Paris'): string {
  return DateTime.fromJSDate(date, { zone }).toFormat('yyyy-MM-dd HH:mm');
}

describe('business time', () => {
  describe('given "du lundi au vendredi de 8 h à 17 h" in Europe/Paris', () => {
    it.each([
      ['Monday 10:00 + 4 h ends the same day', '2025-03-03 10:00', 4 * HOUR, '2025-03-03 14:00'],
      ['Monday 16:00 + 4 h carries 3 h over to Tuesday', '2025-03-03 16:00', 4 * HOUR, '2025-03-04 11:00'],
      [
        'Monday 13:00 + 4 h ends at the 17:00 closing, not at the next opening',
        '2025-03-03 13:00',
        4 * HOUR,
        '2025-03-03 17:00',
      ],
      ['Monday 06:00 (before opening) + 30 min counts from 08:00', '2025-03-03 06:00', 30 * MINUTE, '2025-03-03 08:30'],
      ['Monday 17:00 (at closing) + 1 min counts from Tuesday 08:00', '2025-03-03 17:00', MINUTE, '2025-03-04 08:01'],
      ['a ticket opened Friday evening + 1 h is due Monday 09:00', '2025-03-07 19:30', HOUR, '2025-03-10 09:00'],
      ['a ticket opened on Saturday + 2 h is due Monday 10:00', '2025-03-08 11:00', 2 * HOUR, '2025-03-10 10:00'],
      ['Friday 16:30 + 1 h ends Monday 08:30', '2025-03-07 16:30', HOUR, '2025-03-10 08:30'],
      ['Thursday 12:00 + 9 h (one working day) ends Friday 12:00', '2025-03-06 12:00', 9 * HOUR, '2025-03-07 12:00'],
    ])('when %s', (_case, start, ms, expected) => {
      expect(local(addBusinessTime(OFFICE, at(start), ms))).toBe(expected);
    });

    it('when no time is added, then the start is returned unchanged, even on a Sunday', () => {
      const sunday = at('2025-03-09 15:00');
      expect(addBusinessTime(OFFICE, sunday, 0)).toEqual(sunday);
    });

    it('when counting from Friday 16:00 to Monday 09:00, then 2 h have elapsed', () => {
      expect(businessTimeBetween(OFFICE, at('2025-03-07 16:00'), at('2025-03-10 09:00'))).toBe(2 * HOUR);
    });

    it('when counting a whole week, then it has 45 h; a weekend alone has none', () => {
      expect(businessTimeBetween(OFFICE, at('2025-03-03 00:00'), at('2025-03-10 00:00'))).toBe(45 * HOUR);
      expect(businessTimeBetween(OFFICE, at('2025-03-07 17:00'), at('2025-03-10 08:00'))).toBe(0);
    });

    it('when the end is not after the start, then no time has elapsed', () => {
      expect(businessTimeBetween(OFFICE, at('2025-03-03 12:00'), at('2025-03-03 12:00'))).toBe(0);
      expect(businessTimeBetween(OFFICE, at('2025-03-03 12:00'), at('2025-03-03 10:00'))).toBe(0);
    });

    it('when a duration spans three weeks exactly, then it ends at the third Friday closing', () => {
      const monday = at('2025-01-06 08:00');
      expect(local(addBusinessTime(OFFICE, monday, 135 * HOUR))).toBe('2025-01-24 17:00');
      expect(local(addBusinessTime(OFFICE, monday, 135 * HOUR + MINUTE))).toBe('2025-01-27 08:01');
    });

    it('when a duration spans six weeks, then the time between start and deadline is the duration', () => {
      const start = at('2025-02-12 14:37');
      const deadline = addBusinessTime(OFFICE, start, 270 * HOUR);
      expect(local(deadline)).toBe('2025-03-26 14:37');
      expect(businessTimeBetween(OFFICE, start, deadline)).toBe(270 * HOUR);
    });

    it('when a year of working hours is added, then the deadline is a year of weeks later', () => {
      const deadline = addBusinessTime(OFFICE, at('2025-01-06 08:00'), 52 * 45 * HOUR);
      expect(local(deadline)).toBe('2026-01-02 17:00');
    });
  });

  describe("given GLPI's documentation example: open 08:00-18:00", () => {
    it('when a ticket opened at 16:00 has 4 h, then it is due at 10:00 the next day', () => {
      const glpi = calendar(hours(WEEKDAYS, ['08:00', '18:00']));
      expect(local(addBusinessTime(glpi, at('2025-03-04 16:00'), 4 * HOUR))).toBe('2025-03-05 10:00');
    });
  });

  describe('given a lunch break: 08:30-12:00 and 13:30-17:30', () => {
    const lunch = calendar(hours(WEEKDAYS, ['08:30', '12:00'], ['13:30', '17:30']));

    it.each([
      ['11:00 + 2 h skips the break', '2025-03-03 11:00', 2 * HOUR, '2025-03-03 14:30'],
      ['11:00 + 1 h ends at the 12:00 closing', '2025-03-03 11:00', HOUR, '2025-03-03 12:00'],
      ['12:30 (during lunch) + 1 h counts from 13:30', '2025-03-03 12:30', HOUR, '2025-03-03 14:30'],
      ['17:00 + 1 h ends the next morning', '2025-03-03 17:00', HOUR, '2025-03-04 09:00'],
    ])('when %s', (_case, start, ms, expected) => {
      expect(local(addBusinessTime(lunch, at(start), ms))).toBe(expected);
    });

    it('when counting across the break, then the break is not counted', () => {
      expect(businessTimeBetween(lunch, at('2025-03-03 11:00'), at('2025-03-03 14:00'))).toBe(1.5 * HOUR);
      expect(businessTimeBetween(lunch, at('2025-03-03 00:00'), at('2025-03-04 00:00'))).toBe(7.5 * HOUR);
    });
  });

  describe('given daylight saving time in Europe/Paris (2025-03-30 and 2025-10-26)', () => {
    it('when office hours span the spring-forward weekend, then Friday 16:00 + 2 h is Monday 09:00 summer time', () => {
      const deadline = addBusinessTime(OFFICE, at('2025-03-28 16:00'), 2 * HOUR);
      expect(deadline.toISOString()).toBe('2025-03-31T07:00:00.000Z');
      expect(businessTimeBetween(OFFICE, at('2025-03-28 16:00'), deadline)).toBe(2 * HOUR);
    });

    it('when office hours span the fall-back weekend, then Friday 16:00 + 2 h is Monday 09:00 winter time', () => {
      const deadline = addBusinessTime(OFFICE, at('2025-10-24 16:00'), 2 * HOUR);
      expect(deadline.toISOString()).toBe('2025-10-27T08:00:00.000Z');
    });

    it('when the office opens on a DST Sunday, then 08:00-17:00 is still 9 h', () => {
      const sundays = calendar(hours([7], ['08:00', '17:00']));
      expect(businessTimeBetween(sundays, at('2025-03-30 00:00'), at('2025-03-31 00:00'))).toBe(9 * HOUR);
      expect(businessTimeBetween(sundays, at('2025-10-26 00:00'), at('2025-10-27 00:00'))).toBe(9 * HOUR);
    });

    const allDay = calendar(hours(EVERY_DAY, ['00:00', '24:00']));

    it('when open 00:00-24:00, then the spring-forward Sunday has 23 h and the fall-back Sunday 25 h', () => {
      expect(businessTimeBetween(allDay, at('2025-03-30 00:00'), at('2025-03-31 00:00'))).toBe(23 * HOUR);
      expect(businessTimeBetween(allDay, at('2025-10-26 00:00'), at('2025-10-27 00:00'))).toBe(25 * HOUR);
    });

    it('when open 00:00-24:00 every day, then adding time is plain elapsed time across both changes', () => {
      const saturday = at('2025-03-29 12:00');
      expect(addBusinessTime(allDay, saturday, 24 * HOUR)).toEqual(new Date(saturday.getTime() + 24 * HOUR));
      expect(local(addBusinessTime(allDay, saturday, 24 * HOUR))).toBe('2025-03-30 13:00');
      const october = at('2025-10-25 12:00');
      expect(local(addBusinessTime(allDay, october, 24 * HOUR))).toBe('2025-10-26 11:00');
    });

    it('when a range spans the skipped hour (01:00-05:00), then it counts the 3 h that really elapse', () => {
      const night = calendar(hours([7], ['01:00', '05:00']));
      expect(businessTimeBetween(night, at('2025-03-30 00:00'), at('2025-03-31 00:00'))).toBe(3 * HOUR);
      expect(local(addBusinessTime(night, at('2025-03-30 00:00'), 3 * HOUR))).toBe('2025-03-30 05:00');
      expect(local(addBusinessTime(night, at('2025-03-30 00:00'), 2 * HOUR))).toBe('2025-03-30 04:00');
    });

    it('when a range spans the repeated hour (01:00-05:00), then it counts the 5 h that really elapse', () => {
      const night = calendar(hours([7], ['01:00', '05:00']));
      expect(businessTimeBetween(night, at('2025-10-26 00:00'), at('2025-10-27 00:00'))).toBe(5 * HOUR);
    });

    it('when ranges meet inside the skipped hour (00:00-02:30, 02:30-24:00), then the day is 23 h, nothing twice', () => {
      const split = calendar(hours([7], ['00:00', '02:30'], ['02:30', '24:00']));
      expect(businessTimeBetween(split, at('2025-03-30 00:00'), at('2025-03-31 00:00'))).toBe(23 * HOUR);
    });

    it('when a range closes inside the skipped hour and the next opens at 03:00, then the overlap counts once', () => {
      // luxon reads the missing 02:30 as 03:30, after the next range's 03:00 start
      const split = calendar(hours([7], ['00:00', '02:30'], ['03:00', '24:00']));
      expect(businessTimeBetween(split, at('2025-03-30 00:00'), at('2025-03-31 00:00'))).toBe(23 * HOUR);
      expect(local(addBusinessTime(split, at('2025-03-30 00:00'), 23 * HOUR))).toBe('2025-03-31 00:00');
    });

    it('when a range lies wholly inside the skipped hour (02:00-03:00), then it has no time that day only', () => {
      const ghost = calendar(hours([7], ['02:00', '03:00']));
      expect(businessTimeBetween(ghost, at('2025-03-30 00:00'), at('2025-03-31 00:00'))).toBe(0);
      expect(businessTimeBetween(ghost, at('2025-04-06 00:00'), at('2025-04-07 00:00'))).toBe(HOUR);
    });
  });

  describe('given other time zones', () => {
    it('when the calendar is in New York, then its hours are read in New York time', () => {
      const newYork = calendar(hours(WEEKDAYS, ['09:00', '17:00']), [], 'America/New_York');
      const deadline = addBusinessTime(newYork, new Date('2025-03-10T12:00:00Z'), HOUR);
      expect(deadline.toISOString()).toBe('2025-03-10T14:00:00.000Z');
    });

    it('when Lord Howe moves its clocks by 30 min, then its open-all-day Sunday has 23.5 h', () => {
      const lordHowe = calendar(hours(EVERY_DAY, ['00:00', '24:00']), [], 'Australia/Lord_Howe');
      const zone = 'Australia/Lord_Howe';
      expect(businessTimeBetween(lordHowe, at('2025-10-05 00:00', zone), at('2025-10-06 00:00', zone))).toBe(
        23.5 * HOUR,
      );
    });
    it('when a day never happened (Samoa skipped 30 December 2011), then it has no open time', () => {
      const apia = calendar(hours(EVERY_DAY, ['08:00', '17:00']), [], 'Pacific/Apia');
      const zone = 'Pacific/Apia';
      expect(businessTimeBetween(apia, at('2011-12-29 00:00', zone), at('2012-01-01 00:00', zone))).toBe(18 * HOUR);
      expect(local(addBusinessTime(apia, at('2011-12-29 16:00', zone), 2 * HOUR), zone)).toBe('2011-12-31 09:00');
    });
  });

  describe('given holidays', () => {
    it('when a single holiday (1 May) falls in the span, then Wednesday 16:00 + 2 h is Friday 09:00', () => {
      const mayDay = calendar(OFFICE.openingHours, [
        { name: 'Fête du travail', start: '2025-05-01', end: '2025-05-01', yearly: false },
      ]);
      expect(local(addBusinessTime(mayDay, at('2025-04-30 16:00'), 2 * HOUR))).toBe('2025-05-02 09:00');
      expect(businessTimeBetween(mayDay, at('2025-04-30 00:00'), at('2025-05-03 00:00'))).toBe(18 * HOUR);
    });

    it('when a holiday is not yearly, then it closes its own year only', () => {
      const mayDay = calendar(OFFICE.openingHours, [
        { name: 'Pont', start: '2025-05-01', end: '2025-05-01', yearly: false },
      ]);
      expect(local(addBusinessTime(mayDay, at('2026-04-30 16:00'), 2 * HOUR))).toBe('2026-05-01 09:00');
    });

    it('when a ticket starts during a holiday, then counting starts at the next working opening', () => {
      const mayDay = calendar(OFFICE.openingHours, [
        { name: 'Fête du travail', start: '2025-05-01', end: '2025-05-01', yearly: false },
      ]);
      expect(local(addBusinessTime(mayDay, at('2025-05-01 10:00'), HOUR))).toBe('2025-05-02 09:00');
    });

    it('when a multi-day closure covers a week, then Friday 16:00 + 2 h is the Monday after it', () => {
      const closure = calendar(OFFICE.openingHours, [
        { name: 'Summer closure', start: '2025-08-11', end: '2025-08-15', yearly: false },
      ]);
      expect(local(addBusinessTime(closure, at('2025-08-08 16:00'), 2 * HOUR))).toBe('2025-08-18 09:00');
    });

    const winterBreak: Holiday = { name: 'Winter break', start: '2020-12-24', end: '2021-01-02', yearly: true };

    it('when a yearly break crosses the new year, then it closes 24 December to 2 January of every year', () => {
      const withBreak = calendar(OFFICE.openingHours, [winterBreak]);
      expect(local(addBusinessTime(withBreak, at('2025-12-23 16:00'), 2 * HOUR))).toBe('2026-01-05 09:00');
      expect(local(addBusinessTime(withBreak, at('2029-12-21 16:00'), 2 * HOUR))).toBe('2030-01-03 09:00');
      expect(businessTimeBetween(withBreak, at('2025-12-24 00:00'), at('2026-01-03 00:00'))).toBe(0);
    });

    it('when Christmas is yearly, then it is closed in every year, even before the one it was entered for', () => {
      const christmas = calendar(OFFICE.openingHours, [
        { name: 'Noël', start: '2025-12-25', end: '2025-12-25', yearly: true },
      ]);
      expect(local(addBusinessTime(christmas, at('2024-12-24 16:00'), 2 * HOUR))).toBe('2024-12-26 09:00');
      expect(local(addBusinessTime(christmas, at('2030-12-24 16:00'), 2 * HOUR))).toBe('2030-12-26 09:00');
    });
  });

  describe('given no calendar (24/7)', () => {
    it('when adding time, then it is plain arithmetic, Sunday night included', () => {
      const sunday = new Date('2025-03-30T00:30:00Z');
      expect(addBusinessTime(null, sunday, 5 * HOUR + 7)).toEqual(new Date(sunday.getTime() + 5 * HOUR + 7));
    });

    it('when counting, then it is the plain difference, 0 when backwards', () => {
      const from = new Date('2025-03-29T10:00:00Z');
      const to = new Date('2025-04-02T10:00:00Z');
      expect(businessTimeBetween(null, from, to)).toBe(96 * HOUR);
      expect(businessTimeBetween(null, to, from)).toBe(0);
    });
  });

  describe('given a calendar that never opens', () => {
    const closedForever = calendar(OFFICE.openingHours, [
      { name: 'Everything', start: '2025-01-01', end: '2025-12-31', yearly: true },
    ]);
    const start = at('2025-03-03 10:00');
    const horizon = (days: number) => new Date(start.getTime() + days * 24 * HOUR);

    it('when adding time, then the search stops at the horizon, 10 years by default, and answers it', () => {
      expect(addBusinessTime(closedForever, start, HOUR)).toEqual(horizon(DEFAULT_HORIZON_DAYS));
      expect(addAgreementDuration(closedForever, start, 1, 'days')).toEqual(horizon(DEFAULT_HORIZON_DAYS));
      expect(DEFAULT_HORIZON_DAYS).toBe(3660);
    });

    it('when adding time with a horizon of 400 days, then the answer is 400 days after the start', () => {
      expect(addBusinessTime(closedForever, start, HOUR, 400)).toEqual(horizon(400));
      expect(addAgreementDuration(closedForever, start, 8, 'hours', 400)).toEqual(horizon(400));
    });

    it('when asking for the end of an agreement, then there is none within the horizon', () => {
      expect(agreementEnd(closedForever, start, 1, 'hours')).toBeNull();
      expect(agreementEnd(closedForever, start, 1, 'days')).toBeNull();
    });

    it('when there are no opening hours at all, then adding time answers the horizon the same way', () => {
      expect(addBusinessTime(calendar([]), start, HOUR)).toEqual(horizon(DEFAULT_HORIZON_DAYS));
    });

    it('when counting, then none has elapsed (no error: the span is bounded)', () => {
      expect(businessTimeBetween(closedForever, at('2025-03-03 00:00'), at('2035-03-03 00:00'))).toBe(0);
    });

    it('when a closure lasts 9 years, then the calendar opens again afterwards', () => {
      const longClosure = calendar(OFFICE.openingHours, [
        { name: 'Works', start: '2025-01-01', end: '2033-12-31', yearly: false },
      ]);
      expect(local(addBusinessTime(longClosure, at('2025-03-03 10:00'), HOUR))).toBe('2034-01-02 09:00');
    });
  });

  describe('given a calendar open one minute a week (Monday 08:00-08:01) and the longest agreement', () => {
    const oneMinute = calendar(hours([1], ['08:00', '08:01']));
    const start = at('2027-01-04 09:00');

    it('when the deadline is asked, then it is the horizon, found by jumping weeks', () => {
      expect(addAgreementDuration(oneMinute, start, 366 * 24 * 60, 'minutes')).toEqual(
        new Date(start.getTime() + DEFAULT_HORIZON_DAYS * 24 * HOUR),
      );
      expect(agreementEnd(oneMinute, start, 366 * 24 * 60, 'minutes')).toBeNull();
    });

    it('when 100 minutes are added, then they end on the 100th Monday at 08:01, clock changes included', () => {
      expect(local(addBusinessTime(oneMinute, start, 100 * MINUTE))).toBe('2028-12-04 08:01');
    });

    it('when 5,000 minutes are added under a 100-year horizon, then they end on the 5,000th Monday, 96 years on', () => {
      const end = addBusinessTime(oneMinute, start, 5000 * MINUTE, 36_600);
      expect(local(end)).toBe('2122-11-02 08:01');
      expect(businessTimeBetween(oneMinute, start, end)).toBe(5000 * MINUTE);
    });
  });

  describe('given office hours with many holidays, over years', () => {
    const withHolidays = calendar(OFFICE.openingHours, [
      { name: 'Noël', start: '2026-12-25', end: '2026-12-25', yearly: true },
      { name: 'Été', start: '2026-08-01', end: '2026-08-15', yearly: true },
      { name: 'Travaux', start: '2029-03-01', end: '2029-04-30', yearly: false },
    ]);

    it('when 2,000 business hours are added and counted back, then both agree', () => {
      const start = at('2026-06-01 09:00');
      const end = addBusinessTime(withHolidays, start, 2000 * HOUR);
      expect(businessTimeBetween(withHolidays, start, end)).toBe(2000 * HOUR);
      expect(local(end)).toBe('2027-04-22 11:00');
    });
  });

  describe('given input that makes no sense', () => {
    it('when the time to add is negative or not a number, then it fails with a RangeError', () => {
      expect(() => addBusinessTime(OFFICE, at('2025-03-03 10:00'), -1)).toThrow(RangeError);
      expect(() => addBusinessTime(null, at('2025-03-03 10:00'), Number.NaN)).toThrow(RangeError);
    });

    it('when a date is invalid, then it fails with a RangeError', () => {
      expect(() => addBusinessTime(OFFICE, new Date('nope'), HOUR)).toThrow(RangeError);
      expect(() => businessTimeBetween(OFFICE, at('2025-03-03 10:00'), new Date('nope'))).toThrow(RangeError);
    });

    it('when the time zone is unknown, then it fails with a RangeError naming it', () => {
      expect(() =>
        addBusinessTime(calendar(OFFICE.openingHours, [], 'Mars/Olympus'), at('2025-03-03 10:00'), HOUR),
      ).toThrow(/unknown time zone Mars\/Olympus/);
    });
  });
});

describe('agreement durations', () => {
  describe('given minutes and hours', () => {
    it('when the unit is minutes or hours, then it is business time', () => {
      expect(local(addAgreementDuration(OFFICE, at('2025-03-03 16:00'), 90, 'minutes'))).toBe('2025-03-04 08:30');
      expect(local(addAgreementDuration(OFFICE, at('2025-03-03 16:00'), 4, 'hours'))).toBe('2025-03-04 11:00');
      expect(addAgreementDuration(null, at('2025-03-03 16:00'), 4, 'hours')).toEqual(at('2025-03-03 20:00'));
    });
  });

  describe('given days on "du lundi au vendredi de 8 h à 17 h" (GLPI: work in days)', () => {
    it.each([
      ['D+1 from Monday 10:00 is Tuesday 10:00', '2025-03-03 10:00', 1, '2025-03-04 10:00'],
      ['D+4 from Monday 10:00 is Friday 10:00', '2025-03-03 10:00', 4, '2025-03-07 10:00'],
      ['D+1 from Friday 10:00 skips the weekend to Monday 10:00', '2025-03-07 10:00', 1, '2025-03-10 10:00'],
      ['D+5 from Wednesday 14:15 is the next Wednesday 14:15', '2025-03-05 14:15', 5, '2025-03-12 14:15'],
      [
        'D+1 from Friday 18:00 (closed) starts Monday 08:00 and ends Tuesday 08:00',
        '2025-03-07 18:00',
        1,
        '2025-03-11 08:00',
      ],
      ['D+1 from Saturday starts Monday 08:00 and ends Tuesday 08:00', '2025-03-08 11:00', 1, '2025-03-11 08:00'],
      ['D+1 from Monday 06:00 (before opening) is Tuesday 08:00', '2025-03-03 06:00', 1, '2025-03-04 08:00'],
      ['D+1 from Monday 17:00 (at closing) is Wednesday 08:00', '2025-03-03 17:00', 1, '2025-03-05 08:00'],
      ['D+1 across the spring-forward weekend keeps the clock time', '2025-03-28 10:00', 1, '2025-03-31 10:00'],
    ])('when %s', (_case, start, days, expected) => {
      expect(local(addAgreementDuration(OFFICE, at(start), days, 'days'))).toBe(expected);
    });

    it('when a holiday falls in the span, then it is not an open day: D+1 from Wednesday 30 April is Friday 2 May', () => {
      const mayDay = calendar(OFFICE.openingHours, [
        { name: 'Fête du travail', start: '2025-05-01', end: '2025-05-01', yearly: true },
      ]);
      expect(local(addAgreementDuration(mayDay, at('2025-04-30 10:00'), 1, 'days'))).toBe('2025-05-02 10:00');
    });
  });

  describe('given days on a calendar whose days differ', () => {
    // Monday 08:00-17:00, Tuesday 08:00-12:00 and 14:00-17:00, Wednesday 10:00-12:00, Thursday 08:00-18:00
    const uneven = calendar([
      ...hours([1], ['08:00', '17:00']),
      ...hours([2], ['08:00', '12:00'], ['14:00', '17:00']),
      ...hours([3], ['10:00', '12:00']),
      ...hours([4], ['08:00', '18:00']),
    ]);

    it.each([
      [
        'the clock time falls in a break, then it moves to the next range start',
        '2025-03-03 13:00',
        1,
        '2025-03-04 14:00',
      ],
      ['the clock time is after the last closing, then it is that closing', '2025-03-04 16:00', 1, '2025-03-05 12:00'],
      [
        'the clock time is before the first opening, then it is that opening',
        '2025-03-03 08:30',
        2,
        '2025-03-05 10:00',
      ],
      ['the clock time is inside a range, then it is kept', '2025-03-04 09:15', 2, '2025-03-06 09:15'],
      ['the clock time is a range end, then it is kept', '2025-03-03 12:00', 1, '2025-03-04 12:00'],
    ])('when %s', (_case, start, days, expected) => {
      expect(local(addAgreementDuration(uneven, at(start), days, 'days'))).toBe(expected);
    });
  });

  describe('given days without a calendar (24/7)', () => {
    it('when the unit is days, then it is days of 24 h, weekend included', () => {
      const friday = new Date('2025-03-07T18:00:00Z');
      expect(addAgreementDuration(null, friday, 3, 'days')).toEqual(new Date('2025-03-10T18:00:00Z'));
    });
  });

  describe('given odd durations', () => {
    it('when the duration is 0, then the start is returned unchanged whatever the unit', () => {
      const saturday = at('2025-03-08 11:00');
      expect(addAgreementDuration(OFFICE, saturday, 0, 'days')).toEqual(saturday);
      expect(addAgreementDuration(OFFICE, saturday, 0, 'hours')).toEqual(saturday);
    });

    it('when a number of days is not whole, then it fails with a RangeError', () => {
      expect(() => addAgreementDuration(OFFICE, at('2025-03-03 10:00'), 1.5, 'days')).toThrow(RangeError);
    });
  });
});
