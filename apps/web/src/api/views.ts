import type { TicketStatus } from '@itsm/contracts';

// The services document their request bodies and parameters (generated/), not yet their answers:
// these are the answers' fields the screens read, as the services' query classes return them
// (apps/tickets/src/ticket/queries/ticket-queries.ts, apps/identity/src/session/queries/me.query.ts).

export interface Page<Item> {
  items: Item[];
  total: number;
  page: number;
  limit: number;
}

export interface NamedActor {
  kind: 'user' | 'group';
  id: string;
  name: string;
}

export interface TicketSummary {
  ticketId: string;
  title: string;
  status: TicketStatus;
  type: 'incident' | 'request';
  priority: number;
  urgency: number;
  impact: number;
  categoryId: string | null;
  entityId: string;
  openedAt: string;
  updatedAt: string;
  validationStatus: 'none' | 'waiting' | 'accepted' | 'refused';
  requesters: NamedActor[];
  assignees: NamedActor[];
}

export interface DeadlineSlot {
  name: string;
  deadline: string;
  paused: boolean;
  state: 'running' | 'paused' | 'met' | 'breached';
  breached: boolean;
  met: boolean;
}

export interface TicketDetail extends Omit<TicketSummary, 'requesters' | 'assignees'> {
  description: string;
  source: string;
  actors: Record<'requester' | 'observer' | 'assignee', NamedActor[]>;
  satisfaction: { rating: number; comment: string } | null;
  sla: { tto: DeadlineSlot | null; ttr: DeadlineSlot | null };
}

export interface TimelineEntry {
  kind: 'followup' | 'task' | 'solution' | 'validation' | 'document' | 'escalation';
  itemId: string;
  at: string;
  authorId: string;
  authorName: string;
  private: boolean;
  content: string;
  details: Record<string, unknown>;
}

export interface Category {
  categoryId: string;
  name: string;
}

export interface UserSummary {
  userId: string;
  login: string;
  displayName: string;
}

export interface Me {
  user: { userId: string; login: string; displayName: string; language: 'fr' | 'en' | null };
  activeProfile: { profileId: string; name: string; interface: 'central' | 'helpdesk'; rights: string[] };
  activeEntityId: string;
  recursive: boolean;
  entities: Array<{ entityId: string; name: string; parentId: string | null }>;
  authorizations: Array<{ authorizationId: string; profileId: string; entityId: string; recursive: boolean }>;
}
