import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import type { TopicMessage } from './kafka-messages';

/** The parts of an AsyncAPI 3 document a Kafka message is checked against. */
export interface AsyncApiDocument {
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  components: { messages: Record<string, AsyncApiMessage> };
}

interface AsyncApiMessage {
  headers?: { properties?: Record<string, object> };
  payload: object;
  bindings?: { kafka?: { key?: object } };
}

/**
 * Checks Kafka messages against what an AsyncAPI document says of their channel: the message named
 * by the value's `type` and `schemaVersion` must be one of the channel's, every header sent must be
 * named there, and the headers, key and value must fit its headers schema, Kafka key binding and payload.
 */
export function asyncApiConformance(document: AsyncApiDocument) {
  // AsyncAPI 3's default schema format is a superset of JSON Schema draft 07, Ajv's default
  const ajv = addFormats(new Ajv({ allErrors: true, allowUnionTypes: true }));
  const check = (what: string, schema: object, data: unknown): string[] => {
    const validate = ajv.compile(schema); // Ajv keeps what it compiled, by schema
    return validate(data) ? [] : (validate.errors ?? []).map((error) => describe(what, error));
  };
  return {
    /** Why the message is not what the document describes for the channel; empty when it is. */
    violations(channel: string, message: TopicMessage): string[] {
      const { type, schemaVersion } = (message.value ?? {}) as { type?: unknown; schemaVersion?: unknown };
      const name = `${String(type)}@v${String(schemaVersion)}`;
      const ref = document.channels[channel]?.messages[name]?.$ref;
      const described = ref ? document.components.messages[ref.split('/').pop()!] : undefined;
      if (!described) return [`channel ${channel} has no message ${name}`];
      const { headers, bindings, payload } = described;
      const unnamed = Object.keys(message.headers).filter((header) => !headers?.properties?.[header]);
      return [
        ...unnamed.map((header) => `headers: ${header} is sent but not described`),
        ...(headers ? check('headers', headers, message.headers) : []),
        ...(bindings?.kafka?.key ? check('key', bindings.kafka.key, message.key) : ['key: not described']),
        ...check('value', payload, message.value),
      ];
    },
  };
}

function describe(what: string, error: ErrorObject): string {
  const detail = error.keyword === 'additionalProperties' ? ` (${error.params.additionalProperty})` : '';
  return `${what}${error.instancePath} ${error.message}${detail}`;
}
