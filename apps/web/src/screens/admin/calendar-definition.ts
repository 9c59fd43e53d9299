import type { CalendarView } from '../../api/admin-views';
import type { CalendarDefinition } from '../../api/service-levels';

/** What the calendar form holds: the week's ranges, the closing periods, the public holidays' country. */
export interface CalendarFormValues {
  name: string;
  timeZone: string;
  openingHours: Array<{ weekday: number; start: string; end: string }>;
  holidays: Array<{ name: string; start: string; end: string; yearly: boolean }>;
  /** ISO 3166-1 country whose public holidays close it; '' for none */
  country: string;
  region: string;
}

/** A new calendar starts as the seed's "du lundi au vendredi de 8 h à 17 h", in Paris. */
const WORKING_WEEK = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:00' }));

export function calendarFormValues(calendar?: CalendarView): CalendarFormValues {
  return {
    name: calendar?.name ?? '',
    timeZone: calendar?.timeZone ?? 'Europe/Paris',
    openingHours: calendar ? calendar.openingHours.map((range) => ({ ...range })) : WORKING_WEEK,
    holidays: (calendar?.holidays ?? []).map((holiday) => ({ ...holiday })),
    country: calendar?.publicHolidays?.country ?? '',
    region: calendar?.publicHolidays?.region ?? '',
  };
}

/** The definition sla takes (POST or PUT): ranges in week order, texts trimmed, no empty country. */
export function calendarDefinitionOf(values: CalendarFormValues): CalendarDefinition {
  const country = values.country.trim().toUpperCase();
  const region = values.region.trim();
  return {
    name: values.name.trim(),
    timeZone: values.timeZone.trim(),
    openingHours: [...values.openingHours].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start)),
    holidays: values.holidays.map((holiday) => ({ ...holiday, name: holiday.name.trim() })),
    ...(country ? { publicHolidays: { country, ...(region ? { region } : {}) } } : {}),
  };
}
