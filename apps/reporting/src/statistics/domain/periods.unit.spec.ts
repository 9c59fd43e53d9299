import { PeriodCalendar, periodsBetween } from './periods';

describe('periods', () => {
  it('cuts days, ISO weeks and months in the configured zone', () => {
    // 2025-12-31 23:30 UTC is already 2026-01-01 in Paris; that Thursday's ISO week began Monday 2025-12-29
    expect(new PeriodCalendar('Europe/Paris').startsOf('2025-12-31T23:30:00.000Z')).toEqual({
      day: '2026-01-01',
      week: '2025-12-29',
      month: '2026-01-01',
    });
    expect(new PeriodCalendar('UTC').startsOf('2025-12-31T23:30:00.000Z')).toEqual({
      day: '2025-12-31',
      week: '2025-12-29',
      month: '2025-12-01',
    });
  });

  it('lists the periods of a range from the start of the first one', () => {
    expect(periodsBetween('week', '2026-01-07', '2026-01-20')).toEqual(['2026-01-05', '2026-01-12', '2026-01-19']);
    expect(periodsBetween('month', '2026-01-01', '2027-01-01')).toHaveLength(12);
  });

  it('refuses an unknown zone', () => {
    expect(() => new PeriodCalendar('Mars/Olympus')).toThrow('unknown time zone');
  });
});
