import type { JsonSchema } from '../json-schema';

/** JSON Schema of the command envelope, `data` aside (each command type brings its own). */
export const commandEnvelopeSchema: JsonSchema = {
  type: 'object',
  required: [
    'commandId',
    'type',
    'schemaVersion',
    'streamId',
    'caller',
    'replyTo',
    'correlationId',
    'issuedAt',
    'data',
  ],
  properties: {
    commandId: {
      type: 'string',
      format: 'uuid',
      description: 'UUIDv7; a command sent again under the same id runs once',
    },
    type: { type: 'string', description: '<aggregate>.<verb>' },
    schemaVersion: { type: 'integer', minimum: 1 },
    streamId: {
      type: 'string',
      maxLength: 200,
      description: 'the Kafka key: the stream acted on, or a stable key of the sender for a command creating one',
    },
    caller: {
      type: 'object',
      required: ['accessToken'],
      properties: { accessToken: { type: 'string', description: 'an access token issued by identity' } },
    },
    replyTo: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,249}$', description: 'the topic the result goes to' },
    correlationId: { type: 'string', maxLength: 200 },
    issuedAt: { type: 'string', format: 'date-time' },
  },
};

const resultHeader: Record<string, JsonSchema> = {
  id: { type: 'string', format: 'uuid', description: 'the same for every delivery of one answer' },
  schemaVersion: { type: 'integer', enum: [1] },
  service: { type: 'string' },
  commandId: { type: 'string', format: 'uuid' },
  commandType: { type: 'string' },
  streamId: { type: 'string', description: "the command's key, also the result's Kafka key" },
  correlationId: { type: 'string' },
  occurredAt: { type: 'string', format: 'date-time' },
};
const resultRequired = ['id', 'type', 'schemaVersion', 'service', 'commandId', 'commandType', 'streamId'];

/** `command.accepted`: the command ran; the stream it wrote and that stream's version. */
export const commandAcceptedSchema: JsonSchema = {
  type: 'object',
  required: [...resultRequired, 'correlationId', 'occurredAt', 'data'],
  properties: {
    ...resultHeader,
    type: { type: 'string', enum: ['command.accepted'] },
    data: {
      type: 'object',
      required: ['streamId', 'version'],
      properties: {
        streamId: { type: 'string', description: 'the stream written (a new one for a creating command)' },
        version: { type: ['integer', 'null'], minimum: 1, description: 'null when the command changed nothing' },
        answer: { type: 'object', description: 'what the use case answered, e.g. { userId }' },
      },
    },
  },
};

/** `command.refused`: nothing was written; the domain error code says why. */
export const commandRefusedSchema: JsonSchema = {
  type: 'object',
  required: [...resultRequired, 'correlationId', 'occurredAt', 'data'],
  properties: {
    ...resultHeader,
    type: { type: 'string', enum: ['command.refused'] },
    data: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: {
          type: 'string',
          description: 'invalid, unauthenticated, forbidden, not_found, conflict, illegal_transition, too_large, rule',
        },
        message: { type: 'string' },
        errors: {
          type: 'array',
          items: {
            type: 'object',
            required: ['field', 'message'],
            properties: { field: { type: 'string' }, message: { type: 'string' } },
          },
        },
        details: { type: 'object' },
      },
    },
  },
};
