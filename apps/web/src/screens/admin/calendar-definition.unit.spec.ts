import { calendarDefinitionOf, calendarFormValues } from './calendar-definition';

describe("a calendar's definition in its form", () => {
  it("starts a new calendar as the seed's working week", () => {
    const values = calendarFormValues();
    expect(values.openingHours).toHaveLength(5);
    expect(values.openingHours[0]).toEqual({ weekday: 1, start: '08:00', end: '17:00' });
  });

  it('sends the ranges in week order, trimmed names, the public holidays only with a country', () => {
    const values = {
      ...calendarFormValues(),
      name: ' Heures ouvrées ',
      openingHours: [
        { weekday: 6, start: '09:00', end: '12:00' },
        { weekday: 1, start: '14:00', end: '18:00' },
        { weekday: 1, start: '08:00', end: '12:00' },
      ],
      holidays: [{ name: ' Noël ', start: '2026-12-25', end: '2026-12-25', yearly: true }],
      country: 'fr',
    };
    const definition = calendarDefinitionOf(values);
    expect(definition.name).toBe('Heures ouvrées');
    expect(definition.openingHours.map((range) => `${range.weekday} ${range.start}`)).toEqual([
      '1 08:00',
      '1 14:00',
      '6 09:00',
    ]);
    expect(definition.holidays[0].name).toBe('Noël');
    expect(definition.publicHolidays).toEqual({ country: 'FR' });
    expect(calendarDefinitionOf({ ...values, country: ' ' }).publicHolidays).toBeUndefined();
  });
});
