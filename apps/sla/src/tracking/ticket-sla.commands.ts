import type { AgreementTerms, CalendarDefinition, EscalationAction } from '@itsm/contracts';

/** An SLA or OLA with its current terms and the calendar it runs on for this ticket (null: 24/7). */
export interface ResolvedAgreement {
  slaId: string;
  terms: AgreementTerms;
  calendarId: string | null;
  calendar: CalendarDefinition | null;
}

/** What a ticket event means for its deadlines (see ticket-milestones.ts). */
export type TicketMilestone =
  | 'opened'
  | 'reclassified'
  | 'taken-into-account'
  | 'paused'
  | 'resumed'
  | 'solved'
  | 'solution-refused'
  | 'closed'
  | 'reopened';

/** The ticket as the sla service knows it after the event. */
export interface TicketFacts {
  ticketId: string;
  entityId: string;
  openedAt: string;
  status: string;
  takenIntoAccountAt: string | null;
}

export type TicketSlaCommand =
  | {
      type: 'observe-ticket';
      ticket: TicketFacts;
      ticketSequence: number;
      /** when the ticket event happened */
      at: string;
      milestones: TicketMilestone[];
      /** what the rules give now; only for opened and reclassified */
      chosen: ResolvedAgreement[];
      /** the calendars of the agreements already attached, by id */
      calendars: Record<string, CalendarDefinition>;
      /** no deadline is set further than this after the instant it counts from */
      horizonDays: number;
    }
  | {
      type: 'set-agreement';
      ticket: TicketFacts;
      at: string;
      resolved: ResolvedAgreement;
      horizonDays: number;
    }
  | {
      type: 'reach-level';
      slaId: string;
      levelId: string;
      now: string;
      /** the level's actions in the agreement's current definition; none when the level is gone */
      actions: EscalationAction[];
    };
