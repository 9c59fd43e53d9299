import type { CalendarDefinition } from '@itsm/contracts';
import { calendarProblems, weeklyOpenMinutes } from './calendar-rules';

/** The seed's calendar: "du lundi au vendredi de 8 h à 17 h", Europe/Paris, with Christmas. */
const valid = (): CalendarDefinition => ({
  name: 'Heures ouvrées',
  timeZone: 'Europe/Paris',
  openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:00' })),
  holidays: [{ name: 'Noël', start: '2025-12-25', end: '2025-12-25', yearly: true }],
});

const AN_HOUR = 60;

/** The messages of a valid calendar's problems once changed. */
function problemsWith(change: (calendar: CalendarDefinition) => void): string[] {
  const calendar = valid();
  change(calendar);
  return calendarProblems(calendar, AN_HOUR).map(({ message }) => message);
}

describe('calendar rules', () => {
  describe('given a well-formed calendar', () => {
    it('when checked, then it has no problem', () => {
      expect(calendarProblems(valid(), AN_HOUR)).toEqual([]);
    });

    it('when it has a lunch break, 24:00 closings, touching ranges and a yearly break across new year, then it has no problem', () => {
      expect(
        problemsWith((calendar) => {
          calendar.timeZone = 'Australia/Lord_Howe';
          calendar.openingHours = [
            { weekday: 1, start: '08:30', end: '12:00' },
            { weekday: 1, start: '13:30', end: '17:30' },
            { weekday: 6, start: '00:00', end: '12:00' },
            { weekday: 6, start: '12:00', end: '24:00' },
          ];
          calendar.holidays.push({ name: 'Fermeture', start: '2024-12-24', end: '2025-01-02', yearly: true });
          calendar.holidays.push({ name: '29 février', start: '2024-02-29', end: '2024-02-29', yearly: true });
        }),
      ).toEqual([]);
    });
  });

  describe('given a malformed calendar', () => {
    it.each<[string, (calendar: CalendarDefinition) => void, string]>([
      ['no name', (c) => void (c.name = '  '), 'the calendar needs a name'],
      [
        'an unknown time zone',
        (c) => void (c.timeZone = 'Europe/Atlantis'),
        'time zone "Europe/Atlantis" is unknown: use an IANA name such as Europe/Paris',
      ],
      ['an offset instead of a zone', (c) => void (c.timeZone = '+01:00'), 'time zone "+01:00" is unknown'],
      [
        'no opening range',
        (c) => void (c.openingHours = []),
        'the calendar has no opening hours: add at least one opening range',
      ],
      [
        'a range ending before it starts',
        (c) => void (c.openingHours[0] = { weekday: 1, start: '12:00', end: '08:00' }),
        'opening range Monday 12:00-08:00 ends before it starts',
      ],
      [
        'an empty range',
        (c) => void (c.openingHours[0] = { weekday: 1, start: '08:00', end: '08:00' }),
        'opening range Monday 08:00-08:00 is empty: it ends when it starts',
      ],
      [
        'a time without leading zero',
        (c) => void (c.openingHours[1] = { weekday: 2, start: '8:00', end: '17:00' }),
        'opening range Tuesday 8:00-17:00: start "8:00" is not a time of day (HH:mm, 00:00 to 23:59)',
      ],
      [
        'an opening at 24:00',
        (c) => void (c.openingHours[1] = { weekday: 2, start: '24:00', end: '24:00' }),
        'opening range Tuesday 24:00-24:00: start "24:00" is not a time of day (HH:mm, 00:00 to 23:59)',
      ],
      [
        'a closing at 17:60',
        (c) => void (c.openingHours[2] = { weekday: 3, start: '08:00', end: '17:60' }),
        'opening range Wednesday 08:00-17:60: end "17:60" is not a time of day (HH:mm, 00:00 to 24:00)',
      ],
      [
        'a weekday 0',
        (c) => void (c.openingHours[0] = { weekday: 0, start: '08:00', end: '17:00' }),
        'opening range #1 08:00-17:00: weekday 0 is not between 1 (Monday) and 7 (Sunday)',
      ],
      [
        'a weekday 8',
        (c) => void (c.openingHours[4] = { weekday: 8, start: '08:00', end: '17:00' }),
        'opening range #5 08:00-17:00: weekday 8 is not between 1 (Monday) and 7 (Sunday)',
      ],
      [
        'overlapping ranges on one weekday',
        (c) => void c.openingHours.push({ weekday: 5, start: '16:00', end: '19:00' }),
        'opening range Friday 08:00-17:00 and Friday 16:00-19:00 overlap',
      ],
      ['a holiday without a name', (c) => void (c.holidays[0].name = ''), 'holiday #1 needs a name'],
      [
        'a holiday on a day that does not exist',
        (c) => void (c.holidays[0].start = '2025-02-30'),
        'holiday "Noël": start "2025-02-30" is not a date (YYYY-MM-DD)',
      ],
      [
        'a holiday written the French way',
        (c) => void (c.holidays[0].end = '25/12/2025'),
        'holiday "Noël": end "25/12/2025" is not a date (YYYY-MM-DD)',
      ],
      [
        'a holiday ending before it starts',
        (c) => void (c.holidays[0] = { name: 'Pont', start: '2025-05-02', end: '2025-05-01', yearly: false }),
        'holiday "Pont" ends (2025-05-01) before it starts (2025-05-02)',
      ],
      [
        'a yearly holiday lasting a whole year',
        (c) => void (c.holidays[0] = { name: 'Tout', start: '2025-01-01', end: '2025-12-31', yearly: true }),
        'holiday "Tout" repeats every year and lasts a whole year: the calendar would never open',
      ],
    ])('when it has %s, then it says so', (_case, change, message) => {
      expect(problemsWith(change)).toEqual([expect.stringContaining(message)]);
    });

    it('when three ranges overlap on the same day, then each overlap is reported', () => {
      const problems = problemsWith((calendar) => {
        calendar.openingHours.push(
          { weekday: 1, start: '09:00', end: '10:00' },
          { weekday: 1, start: '16:30', end: '18:00' },
        );
      });
      expect(problems).toEqual([
        'opening range Monday 08:00-17:00 and Monday 09:00-10:00 overlap',
        'opening range Monday 08:00-17:00 and Monday 16:30-18:00 overlap',
      ]);
    });

    it('when the same range is on two different weekdays, then they do not overlap', () => {
      expect(
        problemsWith((calendar) => calendar.openingHours.push({ weekday: 6, start: '08:00', end: '17:00' })),
      ).toEqual([]);
    });

    it('when a non-yearly closure lasts more than a year, then it is accepted (it ends)', () => {
      const problems = problemsWith((calendar) =>
        calendar.holidays.push({ name: 'Travaux', start: '2025-01-01', end: '2026-06-30', yearly: false }),
      );
      expect(problems).toEqual([]);
    });

    it('when several things are wrong, then all are listed', () => {
      const problems = calendarProblems(
        {
          name: '',
          timeZone: 'Paris',
          openingHours: [{ weekday: 9, start: '18:00', end: '08:00' }],
          holidays: [{ name: 'Pâques', start: '2025-04-21', end: '2025-04-20', yearly: false }],
          publicHolidays: { country: 'XX' },
        },
        AN_HOUR,
      );
      expect(problems).toEqual([
        { field: 'name', message: 'the calendar needs a name' },
        { field: 'timeZone', message: 'time zone "Paris" is unknown: use an IANA name such as Europe/Paris' },
        {
          field: 'openingHours.0',
          message: 'opening range #1 18:00-08:00: weekday 9 is not between 1 (Monday) and 7 (Sunday)',
        },
        { field: 'openingHours.0', message: 'opening range #1 18:00-08:00 ends before it starts' },
        { field: 'holidays.0', message: 'holiday "Pâques" ends (2025-04-20) before it starts (2025-04-21)' },
        {
          field: 'publicHolidays.country',
          message: 'public holidays: country "XX" is unknown: use an ISO 3166-1 code such as FR or DE',
        },
      ]);
    });
  });

  describe('given the minimum open time a week', () => {
    it('when a calendar opens one minute a week, then it is refused, naming openingHours and the minimum', () => {
      const oneMinute = { ...valid(), openingHours: [{ weekday: 1, start: '08:00', end: '08:01' }] };
      expect(calendarProblems(oneMinute, AN_HOUR)).toEqual([
        {
          field: 'openingHours',
          message: 'the calendar opens 1 minute a week: it must open at least 60 minutes a week',
        },
      ]);
    });

    it('when a calendar opens exactly the minimum, in two ranges, then it is accepted', () => {
      const openingHours = [
        { weekday: 6, start: '09:00', end: '09:30' },
        { weekday: 7, start: '23:30', end: '24:00' },
      ];
      expect(calendarProblems({ ...valid(), openingHours }, AN_HOUR)).toEqual([]);
      expect(weeklyOpenMinutes(openingHours)).toBe(60);
    });

    it('when the ranges are broken, then only what is broken is said, not the minimum', () => {
      const broken = { ...valid(), openingHours: [{ weekday: 1, start: '09:00', end: '08:00' }] };
      expect(calendarProblems(broken, AN_HOUR).map(({ field }) => field)).toEqual(['openingHours.0']);
    });
  });

  describe('given public holidays', () => {
    it('when a known country, or a country and one of its regions, then there is no problem', () => {
      expect(calendarProblems({ ...valid(), publicHolidays: { country: 'FR' } }, AN_HOUR)).toEqual([]);
      expect(calendarProblems({ ...valid(), publicHolidays: { country: 'FR', region: '57' } }, AN_HOUR)).toEqual([]);
      expect(calendarProblems({ ...valid(), publicHolidays: { country: 'DE', region: 'BY' } }, AN_HOUR)).toEqual([]);
    });

    it('when the region is unknown in that country, then it is refused, naming publicHolidays.region and the known ones', () => {
      expect(calendarProblems({ ...valid(), publicHolidays: { country: 'FR', region: 'BY' } }, AN_HOUR)).toEqual([
        {
          field: 'publicHolidays.region',
          message: expect.stringMatching(/^public holidays: region "BY" is unknown in France \(known: 57, 67, 68, /),
        },
      ]);
    });
  });
});
