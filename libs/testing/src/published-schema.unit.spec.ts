import { publishedSchemaViolations } from './published-schema';

const statusChanged = { ticketId: 't-1', from: 'new', to: 'assigned', reason: 'assigned' };

describe('the published schema of an event', () => {
  it('accepts an event that fits the latest version of its type', () => {
    expect(publishedSchemaViolations({ type: 'ticket.status-changed', data: statusChanged })).toEqual([]);
  });

  it('lists every violation with its path', () => {
    const { reason: _reason, ...withoutReason } = statusChanged;
    const data = { ...withoutReason, to: 'reopened', comment: 'extra' };
    expect(publishedSchemaViolations({ type: 'ticket.status-changed', data })).toEqual([
      "data must have required property 'reason'",
      'data must NOT have additional properties (comment)',
      'data/to must be equal to one of the allowed values (["new","assigned","planned","pending","solved","closed"])',
    ]);
  });

  it('checks formats and lengths', () => {
    const data = {
      ticketId: '',
      slaId: 's-1',
      agreement: 'sla',
      kind: 'tto',
      ticketSequence: 2,
      deadline: '2026-01-05T09:00:00.000Z',
      metAt: 'yesterday',
      late: false,
      reason: 'taken-into-account',
    };
    expect(publishedSchemaViolations({ type: 'sla.met', data })).toEqual([
      'data/ticketId must NOT have fewer than 1 characters',
      'data/metAt must match format "date-time"',
    ]);
  });

  it('refuses a type its aggregate does not publish', () => {
    expect(publishedSchemaViolations({ type: 'ticket.vanished', data: {} })).toEqual([
      'ticket.vanished is not in the event catalogue',
    ]);
  });

  it('leaves alone the aggregates that publish nothing (the kernel test ones)', () => {
    expect(publishedSchemaViolations({ type: 'counter.incremented', data: { by: 1 } })).toEqual([]);
  });
});
