import type { CalendarDefinition, PublicHolidays } from '@itsm/contracts';
import { DateTime } from 'luxon';
import { addAgreementDuration, addBusinessTime, businessTimeBetween } from './business-time';
import { publicHolidayProblems, publicHolidaysOf } from './public-holidays';

const FRANCE: PublicHolidays = { country: 'FR' };
const HOUR = 3_600_000;

/** The seed's calendar: "du lundi au vendredi de 8 h à 17 h", with France's public holidays and nothing listed. */
const officeHours = (publicHolidays?: PublicHolidays): CalendarDefinition => ({
  name: 'Heures ouvrées',
  timeZone: 'Europe/Paris',
  openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:00' })),
  holidays: [],
  ...(publicHolidays && { publicHolidays }),
});
const at = (local: string) => DateTime.fromFormat(local, 'yyyy-MM-dd HH:mm', { zone: 'Europe/Paris' }).toJSDate();
const local = (date: Date) => DateTime.fromJSDate(date, { zone: 'Europe/Paris' }).toFormat('yyyy-MM-dd HH:mm');

describe('public holidays', () => {
  describe('given France in 2027', () => {
    const days = publicHolidaysOf(FRANCE, 2027);

    it.each([
      ['Easter Monday', '2027-03-29'],
      ['Ascension', '2027-05-06'],
      ['Whit Monday', '2027-05-17'],
      ['New Year', '2027-01-01'],
      ['Bastille Day', '2027-07-14'],
      ['Christmas', '2027-12-25'],
    ])('when its public holidays are listed, then %s (%s) is one', (_name, day) => {
      expect(days.has(day)).toBe(true);
    });

    it('when listed, then there are the 11 of the law, and no observance (Whit Sunday, Mothers’ Day)', () => {
      expect(days.size).toBe(11);
      expect(days.has('2027-05-16')).toBe(false);
      expect(days.has('2027-05-30')).toBe(false);
    });

    it('when the region is Moselle (57), then Good Friday and St Stephen’s Day close too', () => {
      const moselle = publicHolidaysOf({ country: 'FR', region: '57' }, 2027);
      expect(moselle.has('2027-03-26')).toBe(true);
      expect(moselle.has('2027-12-26')).toBe(true);
      expect(days.has('2027-03-26')).toBe(false);
    });

    it('when another year is asked, then its movable feasts move (Easter Monday 2026 is 6 April)', () => {
      expect(publicHolidaysOf(FRANCE, 2026).has('2026-04-06')).toBe(true);
      expect(publicHolidaysOf(FRANCE, 2026).has('2026-03-29')).toBe(false);
    });
  });

  describe('given office hours that take France’s public holidays', () => {
    const calendar = officeHours(FRANCE);

    it('when 2 business hours start Wednesday 5 May 2027 at 16:00, then Ascension is skipped: Friday 09:00', () => {
      expect(local(addBusinessTime(calendar, at('2027-05-05 16:00'), 2 * HOUR))).toBe('2027-05-07 09:00');
      expect(local(addBusinessTime(officeHours(), at('2027-05-05 16:00'), 2 * HOUR))).toBe('2027-05-06 09:00');
    });

    it('when 2 business hours start Friday 26 March 2027 at 16:00, then Easter Monday is skipped: Tuesday 09:00', () => {
      expect(local(addBusinessTime(calendar, at('2027-03-26 16:00'), 2 * HOUR))).toBe('2027-03-30 09:00');
    });

    it('when D+1 starts Friday 14 May 2027 at 10:00, then Whit Monday is no open day: Tuesday 10:00', () => {
      expect(local(addAgreementDuration(calendar, at('2027-05-14 10:00'), 1, 'days'))).toBe('2027-05-18 10:00');
    });

    it('when May 2027 is counted, then the public holidays on its weekdays (Ascension, Whit Monday) are closed', () => {
      // 21 weekdays, less 6 May (Ascension), 17 May (Whit Monday); 1 and 8 May fall on Saturdays
      expect(businessTimeBetween(calendar, at('2027-05-01 00:00'), at('2027-06-01 00:00'))).toBe(19 * 9 * HOUR);
    });
  });

  describe('given what a person may type', () => {
    it('when the country is unknown, then it says so, naming publicHolidays.country', () => {
      expect(publicHolidayProblems({ country: 'ZZ' })).toEqual([
        {
          field: 'publicHolidays.country',
          message: 'public holidays: country "ZZ" is unknown: use an ISO 3166-1 code such as FR or DE',
        },
      ]);
    });

    it('when a country without regions is given one, then it says it has none', () => {
      expect(publicHolidayProblems({ country: 'IS', region: 'X' })).toEqual([
        { field: 'publicHolidays.region', message: expect.stringContaining('has no regional holidays') },
      ]);
    });
  });
});
