import { instantText, parseCalendarDay, parseInstant, startOfUtcDay } from './dates';

describe('strict dates', () => {
  it('reads RFC 3339 date-times with their offset as instants', () => {
    const cases: Array<[string, string]> = [
      ['2026-01-31T09:30:00Z', '2026-01-31T09:30:00.000Z'],
      ['2026-01-31T10:30:00+01:00', '2026-01-31T09:30:00.000Z'],
      ['2026-01-31T04:00:00-05:30', '2026-01-31T09:30:00.000Z'],
      ['2026-01-31t09:30:00.5z', '2026-01-31T09:30:00.500Z'],
      ['2026-01-31T09:30:00.123456789Z', '2026-01-31T09:30:00.123Z'],
      ['2024-02-29T23:59:59-00:00', '2024-02-29T23:59:59.000Z'],
      ['2026-01-01T00:30:00+02:00', '2025-12-31T22:30:00.000Z'],
      ['0050-06-01T00:00:00Z', '0050-06-01T00:00:00.000Z'],
    ];
    for (const [text, instant] of cases) expect([text, instantText(parseInstant(text)!)]).toEqual([text, instant]);
  });

  it('refuses what Date.parse takes or rolls over: week, ordinal and basic dates, partial times, impossible days', () => {
    const refused = [
      '2026-W01',
      '2026-W01-1',
      '2026-001',
      '20260101',
      '20260101T100000Z',
      '2026-01-01',
      '2026-01-01T10',
      '2026-01-01T10:00',
      '2026-01-01T10:00Z',
      '2026-01-01T10:00:00',
      '2026-01-01 10:00:00Z',
      '2026-02-30T10:00:00Z',
      '2025-02-29T10:00:00Z',
      '2026-13-01T10:00:00Z',
      '2026-00-10T10:00:00Z',
      '2026-04-31T10:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01T10:60:00Z',
      '2026-01-01T10:00:60Z',
      '2026-01-01T10:00:00+24:00',
      '2026-01-01T10:00:00+01:60',
      '2026-01-01T10:00:00+0100',
      '2026-01-01T10:00:00.Z',
      ' 2026-01-01T10:00:00Z',
      '2026-01-01T10:00:00Z\n',
      'tomorrow',
      '',
    ];
    expect(refused.filter((text) => parseInstant(text) !== null)).toEqual([]);
    expect([undefined, null, 1767225600000, ['2026-01-01T10:00:00Z']].map(parseInstant)).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('reads calendar days that exist, and only those', () => {
    expect(parseCalendarDay('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseCalendarDay('2000-02-29')).toEqual({ year: 2000, month: 2, day: 29 });
    const refused = [
      '2026-02-29',
      '1900-02-29',
      '2026-13-01',
      '2026-06-31',
      '2026-06-00',
      '20260601',
      '2026-W23',
      '2026-6-1',
    ];
    expect(refused.filter((text) => parseCalendarDay(text) !== null)).toEqual([]);
    expect(instantText(startOfUtcDay({ year: 2026, month: 3, day: 29 }))).toBe('2026-03-29T00:00:00.000Z');
  });
});
