import type { EventEnvelope } from './envelope';
import { upcasters } from './registry';
import { upcast, upcasterRegistry } from './upcasting';

const v1: EventEnvelope = {
  id: '0190a0a0-0000-7000-8000-000000000001',
  type: 'ticket.opened',
  schemaVersion: 1,
  streamId: 'ticket-1',
  sequence: 1,
  entityId: 'root',
  occurredAt: '2026-11-29T08:00:00.000Z',
  actor: { kind: 'user', id: 'tech' },
  correlationId: 'c1',
  causationId: 'c1',
  data: { title: 'Imprimante', urgency: 'low' },
};

const registry = upcasterRegistry([
  { type: 'ticket.opened', fromVersion: 1, upcast: (data) => ({ ...(data as object), urgency: 2 }) },
  { type: 'ticket.opened', fromVersion: 2, upcast: (data) => ({ ...(data as object), impact: 3 }) },
]);

describe('upcasting', () => {
  it('brings an old event to the newest version one step at a time, envelope kept', () => {
    const upcasted = upcast(v1, registry);
    expect(upcasted).toEqual({ ...v1, schemaVersion: 3, data: { title: 'Imprimante', urgency: 2, impact: 3 } });
  });

  it('leaves an event of the newest version as it is', () => {
    const current = { ...v1, schemaVersion: 3 };
    expect(upcast(current, registry)).toBe(current);
  });

  it('refuses two upcasters for the same version', () => {
    const twice = { type: 'ticket.opened', fromVersion: 1, upcast: (data: unknown) => data };
    expect(() => upcasterRegistry([twice, twice])).toThrow('two upcasters for ticket.opened@v1');
  });
});

describe('the tickets context’s upcasters', () => {
  it('date a ticket opened before openedAt existed at the moment it was recorded', () => {
    const old = { ...v1, data: { ticketId: '1', title: 'Imprimante' } };
    expect(upcast(old, upcasters)).toEqual({
      ...old,
      schemaVersion: 2,
      data: { ticketId: '1', title: 'Imprimante', openedAt: '2026-11-29T08:00:00.000Z' },
    });
  });

  it('date a satisfaction answer before answeredAt existed at the moment it was recorded', () => {
    const old = { ...v1, type: 'ticket.satisfaction-recorded', data: { ticketId: '1', rating: 4 } };
    expect(upcast(old, upcasters).data).toEqual({ ticketId: '1', rating: 4, answeredAt: '2026-11-29T08:00:00.000Z' });
  });

  it('leave the current versions as they are: a backdated opening keeps its date', () => {
    const current = { ...v1, schemaVersion: 2, data: { openedAt: '2026-11-29T06:00:00.000Z' } };
    expect(upcast(current, upcasters)).toBe(current);
  });
});
