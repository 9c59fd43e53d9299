import { definitionKey, topicFor, type ContextEvents, type EventDefinition } from './event-definition';
import { envelopeSchema } from './envelope.schema';

/** The AsyncAPI 3 document of the platform's event topics, generated from the catalogue. */
export function asyncApiDocument(catalogue: ContextEvents[]): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const context of catalogue) {
    const channelMessages: Record<string, unknown> = {};
    for (const definition of context.events) {
      const name = definitionKey(definition.type, definition.schemaVersion);
      messages[name] = messageOf(name, definition);
      channelMessages[name] = { $ref: `#/components/messages/${name}` };
    }
    channels[context.context] = {
      address: topicFor(context.context),
      description: `${context.description} Key: the streamId; per-stream order is sequence order.`,
      messages: channelMessages,
    };
    operations[`publish-${context.context}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${context.context}` },
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'ITSM platform events',
      version: '1.0.0',
      description:
        'Events published by the platform services on Kafka, at least once, in transactions: read ' +
        'with isolation.level=read_committed (the kafkajs default), or a relay fenced off mid-send may ' +
        'show you events it never committed. Consumers deduplicate by (streamId, sequence). Topics keep ' +
        "their events for the platform's life by default. A published schema version never changes " +
        'incompatibly; a new version comes with an upcaster in @itsm/contracts.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages },
  };
}

function messageOf(name: string, definition: EventDefinition): Record<string, unknown> {
  return {
    name,
    title: `${definition.type} (version ${definition.schemaVersion})`,
    summary: definition.description,
    contentType: 'application/json',
    headers: headersOf(definition),
    payload: {
      ...envelopeSchema,
      properties: {
        ...envelopeSchema.properties,
        type: { type: 'string', const: definition.type },
        schemaVersion: { type: 'integer', const: definition.schemaVersion },
        data: definition.schema,
      },
    },
    bindings: {
      kafka: {
        key: { type: 'string', description: 'the envelope’s streamId: a stream’s events share a partition' },
        bindingVersion: '0.5.0',
      },
    },
  };
}

/**
 * The Kafka headers the outbox relay puts on every message (UTF-8 strings), copied from the
 * envelope; and, when the command that wrote the event was traced, its W3C trace context.
 */
function headersOf(definition: EventDefinition): Record<string, unknown> {
  return {
    type: 'object',
    required: ['event-type', 'schema-version', 'event-id'],
    properties: {
      'event-type': { type: 'string', const: definition.type, description: 'the envelope’s type' },
      'schema-version': {
        type: 'string',
        const: String(definition.schemaVersion),
        description: 'the envelope’s schemaVersion, in decimal',
      },
      'event-id': { type: 'string', format: 'uuid', description: 'the envelope’s id (UUIDv7)' },
      traceparent: {
        type: 'string',
        pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
        description:
          'optional: the W3C Trace Context `traceparent` of the command that wrote the event (version-traceid-parentid-flags); a consumer continues the trace from it',
      },
      tracestate: {
        type: 'string',
        description: 'optional: the W3C Trace Context `tracestate` that came with `traceparent`, when there was one',
      },
    },
    additionalProperties: false,
  };
}
