export const LEVEL_TIMERS = Symbol('LEVEL_TIMERS');
