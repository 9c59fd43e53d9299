import { projectEvents } from '@itsm/testing';
import { assetTicketsProjection } from './asset-tickets.projection';

const blier = { kind: 'user' as const, id: 'u-blier' };
const tech = { kind: 'user' as const, id: 'u-tech' };
const opened = {
  type: 'ticket.opened' as const,
  data: {
    ticketId: 't1',
    entityId: 'A',
    title: "Problème d'impression",
    description: 'Les lignes sont décalées',
    type: 'incident' as const,
    categoryId: null,
    urgency: 2,
    impact: 2,
    priority: 2,
    priorityOverridden: false,
    source: 'phone' as const,
    location: null,
    items: [{ itemType: 'printer', itemId: 'p1' }],
    requesters: [blier],
    observers: [],
    assignees: [],
    recipientId: 'u-tech',
    openedAt: '2022-01-24T21:03:00.000Z',
  },
};

describe('asset_tickets (what the assets service keeps of tickets)', () => {
  it('keeps a ticket’s items, actors, status and summary', () => {
    expect(projectEvents(assetTicketsProjection, [opened])).toEqual({
      ticketId: 't1',
      entityId: 'A',
      title: "Problème d'impression",
      type: 'incident',
      status: 'new',
      priority: 2,
      openedAt: '2022-01-24T21:03:00.000Z',
      itemKeys: ['printer:p1'],
      actors: { requester: [blier], observer: [], assignee: [] },
    });
  });

  it('follows items, status, classification and actors', () => {
    const doc = projectEvents(assetTicketsProjection, [
      opened,
      {
        type: 'ticket.details-changed',
        data: {
          ticketId: 't1',
          items: [
            { itemType: 'computer', itemId: 'c1' },
            { itemType: 'printer', itemId: 'p1' },
          ],
        },
      },
      { type: 'ticket.actor-added', data: { ticketId: 't1', role: 'assignee', actor: tech } },
      { type: 'ticket.status-changed', data: { ticketId: 't1', from: 'new', to: 'assigned', reason: 'assigned' } },
      {
        type: 'ticket.reclassified',
        data: {
          ticketId: 't1',
          type: 'request',
          categoryId: null,
          urgency: 4,
          impact: 4,
          priority: 4,
          priorityOverridden: false,
        },
      },
      { type: 'ticket.actor-removed', data: { ticketId: 't1', role: 'requester', actor: blier } },
    ]);
    expect(doc).toMatchObject({
      itemKeys: ['computer:c1', 'printer:p1'],
      status: 'assigned',
      type: 'request',
      priority: 4,
      actors: { requester: [], observer: [], assignee: [tech] },
    });
  });
});
