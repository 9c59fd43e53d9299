import type { JsonSchema } from './json-schema';

/** JSON Schema of the envelope, `data` aside (each event type brings its own). */
export const envelopeSchema: JsonSchema = {
  type: 'object',
  required: [
    'id',
    'type',
    'schemaVersion',
    'streamId',
    'sequence',
    'entityId',
    'occurredAt',
    'actor',
    'correlationId',
    'causationId',
    'data',
  ],
  properties: {
    id: { type: 'string', format: 'uuid', description: 'UUIDv7 of the event' },
    type: { type: 'string', description: '<aggregate>.<past-tense-verb>' },
    schemaVersion: { type: 'integer', minimum: 1 },
    streamId: { type: 'string', description: 'the aggregate stream; also the Kafka message key' },
    sequence: { type: 'integer', minimum: 1, description: '1-based, gap-free position in the stream' },
    entityId: { type: 'string', description: 'the entity owning the aggregate' },
    occurredAt: { type: 'string', format: 'date-time' },
    actor: {
      type: 'object',
      required: ['kind', 'id'],
      properties: { kind: { type: 'string', enum: ['user', 'system'] }, id: { type: 'string' } },
    },
    correlationId: { type: 'string' },
    causationId: { type: 'string' },
  },
};
