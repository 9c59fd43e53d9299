/** The CalendarLimits of this service (from its settings), for handlers to put in their commands. */
export const CALENDAR_LIMITS = Symbol('CALENDAR_LIMITS');
