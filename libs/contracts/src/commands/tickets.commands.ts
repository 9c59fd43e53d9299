import type { JsonSchema } from '../json-schema';
import type { ServiceCommands } from './command-definition';

const id = (description: string): JsonSchema => ({ type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$', description });
const level = (maximum: number): JsonSchema => ({ type: 'integer', minimum: 1, maximum });
const actors = (description: string): JsonSchema => ({
  type: 'array',
  description,
  items: {
    type: 'object',
    required: ['kind', 'id'],
    additionalProperties: false,
    properties: { kind: { type: 'string', enum: ['user', 'group'] }, id: id('the user or group') },
  },
});

export const ticketsCommands: ServiceCommands = {
  service: 'tickets',
  description: 'Commands tickets takes from other services (imports): opening tickets, creating ITIL categories.',
  commands: [
    {
      type: 'ticket.open',
      schemaVersion: 1,
      description:
        'Opens a ticket, as POST /api/tickets does. Accepted with the new stream `ticket-<ticketId>` and answer `{ ticketId }`.',
      rights: ['ticket.create'],
      schema: {
        type: 'object',
        required: ['title', 'description'],
        additionalProperties: false,
        properties: {
          title: { type: 'string', minLength: 1, maxLength: 255 },
          description: { type: 'string', maxLength: 65_535 },
          type: { type: 'string', enum: ['incident', 'request'] },
          entityId: id('default: the caller’s active entity'),
          categoryId: id('an ITIL category'),
          urgency: level(5),
          impact: level(5),
          priority: { ...level(6), description: 'by hand instead of the matrix; needs ticket.update' },
          source: { type: 'string', enum: ['helpdesk', 'email', 'phone', 'direct', 'written', 'other'] },
          location: { type: ['string', 'null'], maxLength: 255 },
          items: {
            type: 'array',
            items: {
              type: 'object',
              required: ['itemType', 'itemId'],
              additionalProperties: false,
              properties: { itemType: { type: 'string', maxLength: 64 }, itemId: id('the asset') },
            },
          },
          requesters: actors('default: the caller'),
          observers: actors('observers'),
          assignees: actors('assignees'),
        },
      },
    },
    {
      type: 'category.create',
      schemaVersion: 1,
      description:
        'Creates an ITIL category, as POST /api/itil-categories does: in an entity of the caller’s scope, under a ' +
        'parent category the caller sees. Accepted with the new stream `category-<categoryId>` and answer `{ categoryId }`.',
      rights: ['category.write'],
      schema: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 255 },
          parentId: id('the parent category'),
          entityId: id('default: the caller’s active entity'),
          recursive: { type: 'boolean', description: 'visible in the sub-entities (default true)' },
          forIncidents: { type: 'boolean', description: 'offered for incidents (default true)' },
          forRequests: { type: 'boolean', description: 'offered for requests (default true)' },
        },
      },
    },
  ],
};
