import type { components } from './generated/identity';

/** A right of identity's catalogue (libs/domain's RIGHTS), as its OpenAPI document lists them. */
export type Right = components['schemas']['ChangeProfileRightsRequestDto']['rights'][number];

// The answers the administration screens read (the services document their requests, not yet
// their answers: see views.ts), named after the services' query classes.

export interface EntityView {
  entityId: string;
  name: string;
  parentId: string | null;
  completeName: string;
}

export interface GroupView {
  groupId: string;
  name: string;
  parentId: string | null;
  entityId: string;
  recursive: boolean;
  isRequester: boolean;
  isObserver: boolean;
  isAssignee: boolean;
  members: string[];
}

export interface ProfileView {
  profileId: string;
  name: string;
  interface: 'central' | 'helpdesk';
  rights: Right[];
}

export interface AdminUserView {
  userId: string;
  login: string;
  displayName: string;
  email: string | null;
  active: boolean;
  defaultEntityId: string;
  language: 'fr' | 'en' | null;
}

export interface AuthorizationView {
  authorizationId: string;
  profileId: string;
  entityId: string;
  recursive: boolean;
}

export interface CalendarView {
  calendarId: string;
  name: string;
  timeZone: string;
  openingHours: Array<{ weekday: number; start: string; end: string }>;
  holidays: Array<{ name: string; start: string; end: string; yearly: boolean }>;
  publicHolidays?: { country: string; region?: string };
}

export interface AgreementView {
  slaId: string;
  name: string;
  agreement: 'sla' | 'ola';
  kind: 'tto' | 'ttr';
  duration: number;
  unit: 'minutes' | 'hours' | 'days';
  calendarId: string | null;
  useEntityCalendar: boolean;
  /** in order, the breach at the deadline (`levelId: 'deadline'`) added by sla when none was given */
  levels: Array<{
    levelId: string;
    name: string;
    offsetMinutes: number;
    actions: Array<{ type: 'notify-assignees' | 'notify-group' | 'raise-priority' | 'assign-group'; groupId?: string }>;
  }>;
}
