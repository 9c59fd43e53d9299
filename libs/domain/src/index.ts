export { fold, type Decider } from './decider';
export {
  DomainError,
  DOMAIN_ERROR_CODES,
  fieldsRefusal,
  isDomainError,
  isTransient,
  failureKind,
  type DomainErrorCode,
  type DomainErrorOptions,
  type FieldError,
} from './domain-error';
export { RIGHTS, isRight, type Right } from './rights';
export { can, inScope, isSystemCaller, systemCaller, type Caller, type SystemCaller } from './caller';
export { DEFAULT_PROFILES, type DefaultProfile, type ProfileInterface } from './default-profiles';
export {
  DAY_FORMAT,
  INSTANT_FORMAT,
  instantText,
  parseCalendarDay,
  parseInstant,
  startOfUtcDay,
  type CalendarDay,
} from './dates';
export { belongsTo, notVisibleIn, reaches, type EntityHold } from './entity-reach';
export {
  holdsTicketRole,
  seesInternalDeadlines,
  seesTicket,
  TICKET_ROLES,
  type TicketParties,
  type TicketReader,
  type TicketRole,
} from './ticket-visibility';
export { computePriority, DEFAULT_PRIORITY_MATRIX, parsePriorityMatrix, type PriorityMatrix } from './priority-matrix';
export { legalStatusActions, statusAllows, type TicketStatusAction } from './ticket-status-actions';
export {
  addAgreementDuration,
  addBusinessTime,
  agreementEnd,
  businessTimeBetween,
  DEFAULT_HORIZON_DAYS,
} from './business-time/business-time';
export { calendarProblems, weeklyOpenMinutes } from './business-time/calendar-rules';
