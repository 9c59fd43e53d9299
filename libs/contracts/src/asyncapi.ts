import { definitionKey, topicFor, type ContextEvents } from './event-definition';
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
      messages[name] = {
        name,
        title: `${definition.type} (version ${definition.schemaVersion})`,
        summary: definition.description,
        contentType: 'application/json',
        headers: {
          type: 'object',
          properties: { type: { const: definition.type }, schemaVersion: { const: String(definition.schemaVersion) } },
        },
        payload: {
          ...envelopeSchema,
          properties: {
            ...envelopeSchema.properties,
            type: { type: 'string', const: definition.type },
            schemaVersion: { type: 'integer', const: definition.schemaVersion },
            data: definition.schema,
          },
        },
      };
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
        'Events published by the platform services on Kafka, at least once. Consumers deduplicate by ' +
        '(streamId, sequence). A published schema version never changes incompatibly; a new version ' +
        'comes with an upcaster in @itsm/contracts.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages },
  };
}
