import type {
  ActorRef,
  ActorRole,
  LinkedItem,
  RequestSource,
  TaskFields,
  TicketEscalated,
  TicketType,
} from '@itsm/contracts';
import type { PriorityMatrix } from '@itsm/domain';

/** What decides a ticket's opening date. */
export interface OpeningFacts {
  /** the opening date a technician gave (a call recorded afterwards); null: now */
  asked: string | null;
  /** this service's clock */
  now: string;
  /** when the ticket's entity was created, as the directory knows it; null when it does not */
  entityCreatedAt: string | null;
}

/**
 * What may be asked of a ticket. Facts the decider cannot know (who belongs to which group, the
 * entity's auto-close setting) are read by the handler and passed in.
 */
export type TicketCommand =
  | {
      type: 'open-ticket';
      ticketId: string;
      entityId: string;
      ticketType: TicketType;
      title: string;
      description: string;
      categoryId: string | null;
      urgency: number;
      impact: number;
      /** set by hand; otherwise from the matrix */
      priority?: number;
      matrix: PriorityMatrix;
      source: RequestSource;
      location: string | null;
      items: LinkedItem[];
      requesters: ActorRef[];
      observers: ActorRef[];
      assignees: ActorRef[];
      recipientId: string;
      opening: OpeningFacts;
    }
  | {
      type: 'change-ticket-details';
      changes: {
        title?: string;
        description?: string;
        source?: RequestSource;
        location?: string | null;
        items?: LinkedItem[];
      };
    }
  | {
      type: 'reclassify-ticket';
      ticketType?: TicketType;
      categoryId?: string | null;
      urgency?: number;
      impact?: number;
      /** a number sets it by hand, null returns to the matrix, absent keeps the current way */
      priority?: number | null;
      matrix: PriorityMatrix;
    }
  | { type: 'add-actor'; role: ActorRole; actor: ActorRef }
  | { type: 'remove-actor'; role: ActorRole; actor: ActorRef }
  | { type: 'add-followup'; followupId: string; content: string; private: boolean; authorId: string }
  | ({ type: 'add-task'; taskId: string; authorId: string } & TaskFields)
  | { type: 'update-task'; taskId: string; changes: Partial<TaskFields> }
  | { type: 'request-validation'; validationId: string; approver: ActorRef; comment: string; requesterId: string }
  | {
      type: 'answer-validation';
      validationId: string;
      decision: 'accepted' | 'refused';
      comment: string;
      answeredBy: string;
      /** the groups the answering user belongs to (a group may be asked) */
      answererGroupIds: string[];
    }
  | {
      type: 'add-solution';
      solutionId: string;
      content: string;
      solutionType: string | null;
      authorId: string;
      /** the entity closes solved tickets at once (auto-close delay 0) */
      closeAtOnce: boolean;
    }
  /** isRequester: the caller is a requester user or a member of a requester group */
  | { type: 'approve-solution'; by: string; isRequester: boolean }
  | { type: 'refuse-solution'; by: string; isRequester: boolean; reason: string; followupId: string }
  | { type: 'set-pending' }
  | { type: 'resume' }
  | { type: 'close-ticket'; by: 'technician' | 'auto' }
  | { type: 'reopen-ticket'; reason: string; by: string; followupId: string }
  | { type: 'attach-document'; documentId: string; name: string; mimeType: string; sizeBytes: number; authorId: string }
  | {
      type: 'record-satisfaction';
      rating: number;
      comment: string;
      answeredBy: string;
      isRequester: boolean;
      now: string;
    }
  /** an SLA/OLA level's actions, applied once per escalationId (the sla event's id) */
  | ({
      type: 'escalate-ticket';
      raisePriority: boolean;
      assignGroupIds: string[];
    } & Omit<TicketEscalated['data'], 'ticketId' | 'priority' | 'groupsAdded'>);
