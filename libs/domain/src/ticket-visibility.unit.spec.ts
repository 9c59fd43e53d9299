import { DomainError } from './domain-error';
import {
  holdsTicketRole,
  seesInternalDeadlines,
  seesTicket,
  type TicketParties,
  type TicketReader,
} from './ticket-visibility';

const ticket: TicketParties = {
  entityId: 'A',
  actors: {
    requester: [{ kind: 'user', id: 'sophie' }],
    observer: [{ kind: 'group', id: 'compta' }],
    assignee: [{ kind: 'user', id: 'tech' }],
  },
};
const reader = (userId: string, rights: string[], groupIds: string[] = [], scope = ['A']): TicketReader => ({
  userId,
  rights: new Set(rights),
  scope,
  groupIds,
});

describe('who sees a ticket', () => {
  it('with ticket.read-all: every ticket of the scope, none outside it', () => {
    expect(seesTicket(reader('someone', ['ticket.read-all']), ticket)).toBe(true);
    expect(seesTicket(reader('someone', ['ticket.read-all'], [], ['B']), ticket)).toBe(false);
  });

  it('with ticket.read-own: the tickets the caller or one of their groups requests, observes or is assigned', () => {
    expect(seesTicket(reader('sophie', ['ticket.read-own']), ticket)).toBe(true);
    expect(seesTicket(reader('tech', ['ticket.read-own']), ticket)).toBe(true);
    expect(seesTicket(reader('marc', ['ticket.read-own'], ['compta']), ticket)).toBe(true);
    expect(seesTicket(reader('marc', ['ticket.read-own'], ['achats']), ticket)).toBe(false);
  });

  it('a user id never matches a group of the same id, nor the reverse', () => {
    expect(seesTicket(reader('compta', ['ticket.read-own']), ticket)).toBe(false);
    expect(seesTicket(reader('marc', ['ticket.read-own'], ['sophie']), ticket)).toBe(false);
  });

  it('with read-own, still nothing outside the scope', () => {
    expect(seesTicket(reader('sophie', ['ticket.read-own'], [], ['B']), ticket)).toBe(false);
  });

  it('with neither right, a ticket of the scope is a refusal (403), not an absence', () => {
    expect(() => seesTicket(reader('sophie', ['sla.read']), ticket)).toThrow(DomainError);
    expect(() => seesTicket(reader('sophie', ['sla.read']), ticket)).toThrow('missing right ticket.read-own');
  });

  it('tells which roles the caller holds', () => {
    expect(holdsTicketRole(reader('sophie', []), ticket, ['requester'])).toBe(true);
    expect(holdsTicketRole(reader('sophie', []), ticket, ['assignee', 'observer'])).toBe(false);
  });
});

describe('who sees the internal deadlines and escalation levels', () => {
  it('the service desk (ticket.update), not a requester', () => {
    expect(seesInternalDeadlines({ rights: new Set(['ticket.read-own', 'ticket.update']) })).toBe(true);
    expect(seesInternalDeadlines({ rights: new Set(['ticket.read-own', 'ticket.create']) })).toBe(false);
  });
});
