import type { ActorRef, EventEnvelope, TicketStatus } from '@itsm/contracts';
import type { ContractEnvelope } from '@itsm/eventsourcing';
import type { AgreementFacts, OpenedTicket, TicketRecord } from './ticket-record';

const WORKING: ReadonlySet<TicketStatus> = new Set(['new', 'assigned', 'planned']);

const userIds = (actors: readonly ActorRef[]) => actors.filter((a) => a.kind === 'user').map((a) => a.id);
const groupIds = (actors: readonly ActorRef[]) => actors.filter((a) => a.kind === 'group').map((a) => a.id);
const unique = (values: string[]) => [...new Set(values)];

/**
 * The record after one event. Each stream is applied in order and once: an event at or below the
 * sequence already applied (a redelivery) leaves the record as it is, the same object.
 */
export function foldTicketRecord(record: TicketRecord, envelope: EventEnvelope): TicketRecord {
  const fromSla = envelope.type.startsWith('sla.');
  const applied = fromSla ? record.slaSequence : record.ticketSequence;
  if (envelope.sequence <= applied) return record;
  const next = fromSla ? applySla(record, envelope) : applyTicket(record, envelope);
  return fromSla ? { ...next, slaSequence: envelope.sequence } : { ...next, ticketSequence: envelope.sequence };
}

function applyTicket(record: TicketRecord, envelope: EventEnvelope): TicketRecord {
  const event = envelope as ContractEnvelope;
  if (event.type === 'ticket.opened') {
    const { data } = event;
    const opened: OpenedTicket = {
      entityId: data.entityId,
      openedAt: data.openedAt,
      type: data.type,
      categoryId: data.categoryId,
      priority: data.priority,
      location: data.location,
      itemTypes: unique(data.items.map((item) => item.itemType)),
      itemIds: unique(data.items.map((item) => item.itemId)),
      requesterUserIds: unique(userIds(data.requesters)),
      technicianIds: unique(userIds(data.assignees)),
      groupIds: unique(groupIds(data.assignees)),
      status: 'new',
      statusChanges: [],
      takenIntoAccountAt: null,
      satisfaction: null,
    };
    return { ...record, opened };
  }
  const opened = record.opened;
  if (!opened) return record;
  const changed = changedTicket(opened, event);
  return changed === opened ? record : { ...record, opened: changed };
}

function changedTicket(ticket: OpenedTicket, event: ContractEnvelope): OpenedTicket {
  switch (event.type) {
    case 'ticket.reclassified':
      return { ...ticket, type: event.data.type, categoryId: event.data.categoryId, priority: event.data.priority };
    case 'ticket.details-changed': {
      const { location, items } = event.data;
      return {
        ...ticket,
        ...(location !== undefined && { location }),
        ...(items && {
          itemTypes: unique(items.map((item) => item.itemType)),
          itemIds: unique(items.map((item) => item.itemId)),
        }),
      };
    }
    case 'ticket.actor-added':
    case 'ticket.actor-removed':
      return withActor(ticket, event.data.role, event.data.actor, event.type === 'ticket.actor-added');
    case 'ticket.status-changed':
      return withStatus(ticket, event.data.from, event.data.to, event.occurredAt);
    case 'ticket.followup-added':
    case 'ticket.task-added':
      return ticket.requesterUserIds.includes(event.data.authorId)
        ? ticket
        : takenIntoAccount(ticket, event.occurredAt);
    case 'ticket.satisfaction-recorded':
      return { ...ticket, satisfaction: { rating: event.data.rating, answeredAt: event.data.answeredAt } };
    case 'ticket.satisfaction-changed':
      return ticket.satisfaction
        ? { ...ticket, satisfaction: { ...ticket.satisfaction, rating: event.data.rating } }
        : ticket;
    default:
      return ticket;
  }
}

function withActor(ticket: OpenedTicket, role: string, actor: ActorRef, added: boolean): OpenedTicket {
  const change = (ids: string[]) => (added ? unique([...ids, actor.id]) : ids.filter((id) => id !== actor.id));
  if (role === 'requester' && actor.kind === 'user')
    return { ...ticket, requesterUserIds: change(ticket.requesterUserIds) };
  if (role !== 'assignee') return ticket;
  return actor.kind === 'user'
    ? { ...ticket, technicianIds: change(ticket.technicianIds) }
    : { ...ticket, groupIds: change(ticket.groupIds) };
}

/** As the sla service reads it (after GLPI): leaving New, or pausing or solving it, takes the ticket into account. */
function withStatus(ticket: OpenedTicket, from: TicketStatus, to: TicketStatus, at: string): OpenedTicket {
  const moved = { ...ticket, status: to, statusChanges: [...ticket.statusChanges, { at, from, to }] };
  const takes = from === 'new' && (WORKING.has(to) || to === 'pending' || to === 'solved');
  return takes || to === 'solved' ? takenIntoAccount(moved, at) : moved;
}

const takenIntoAccount = (ticket: OpenedTicket, at: string): OpenedTicket =>
  ticket.takenIntoAccountAt === null ? { ...ticket, takenIntoAccountAt: at } : ticket;

function applySla(record: TicketRecord, envelope: EventEnvelope): TicketRecord {
  const event = envelope as ContractEnvelope;
  switch (event.type) {
    case 'sla.attached': {
      const { slaId, agreement, kind, calendarId, deadline } = event.data;
      return withAgreement(record, { slaId, agreement, kind, calendarId, deadline, metAt: null, breached: false });
    }
    case 'sla.detached':
      return { ...record, agreements: record.agreements.filter((known) => known.slaId !== event.data.slaId) };
    case 'sla.deadline-changed':
      return updated(record, event.data.slaId, (known) => ({ ...known, deadline: event.data.deadline }));
    case 'sla.breached':
      return updated(record, event.data.slaId, (known) => ({
        ...known,
        deadline: event.data.deadline,
        breached: true,
      }));
    case 'sla.met':
      return updated(record, event.data.slaId, (known) => ({
        ...known,
        deadline: event.data.deadline,
        metAt: event.data.metAt,
        breached: known.breached || event.data.late,
      }));
    default:
      return record;
  }
}

/** One agreement per agreement x kind: a new one replaces the former. */
function withAgreement(record: TicketRecord, facts: AgreementFacts): TicketRecord {
  const others = record.agreements.filter(
    (known) => !(known.agreement === facts.agreement && known.kind === facts.kind),
  );
  return { ...record, agreements: [...others, facts] };
}

function updated(record: TicketRecord, slaId: string, change: (known: AgreementFacts) => AgreementFacts) {
  return { ...record, agreements: record.agreements.map((known) => (known.slaId === slaId ? change(known) : known)) };
}
