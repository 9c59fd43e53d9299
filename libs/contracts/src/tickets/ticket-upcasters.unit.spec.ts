import type { EventEnvelope } from '../envelope';
import { upcasters } from '../registry';
import { upcast } from '../upcasting';

const envelope = (type: string, data: object): EventEnvelope => ({
  id: '0190a0a0-0000-7000-8000-000000000001',
  type,
  schemaVersion: 1,
  streamId: 'ticket-1',
  sequence: 1,
  entityId: 'root',
  occurredAt: '2026-11-29T08:00:00.000Z',
  actor: { kind: 'user', id: 'tech' },
  correlationId: 'c1',
  causationId: 'c1',
  data,
});

describe('the tickets context’s upcasters', () => {
  it('date a ticket opened before openedAt existed at the moment it was recorded', () => {
    const old = envelope('ticket.opened', { ticketId: '1', title: 'Imprimante' });
    expect(upcast(old, upcasters)).toEqual({
      ...old,
      schemaVersion: 2,
      data: { ticketId: '1', title: 'Imprimante', openedAt: '2026-11-29T08:00:00.000Z' },
    });
  });

  it('date a satisfaction answer before answeredAt existed at the moment it was recorded', () => {
    const old = envelope('ticket.satisfaction-recorded', { ticketId: '1', rating: 4 });
    expect(upcast(old, upcasters).data).toEqual({ ticketId: '1', rating: 4, answeredAt: '2026-11-29T08:00:00.000Z' });
  });

  it('leave the current versions as they are: a backdated opening keeps its date', () => {
    const current = { ...envelope('ticket.opened', { openedAt: '2026-11-29T06:00:00.000Z' }), schemaVersion: 2 };
    expect(upcast(current, upcasters)).toBe(current);
  });
});
