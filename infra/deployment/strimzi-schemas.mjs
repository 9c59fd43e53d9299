// No npm package carries the Strimzi CRDs' schemas (kubernetes-models has none for Strimzi): these
// are the parts of kafka.strimzi.io/v1beta2 KafkaTopic and KafkaUser that k8s/ uses, written from
// the CRDs' OpenAPI (Strimzi 0.4x), strict about unknown fields so that a typo fails.
const name = { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', maxLength: 253 };
const metadata = {
  type: 'object',
  required: ['name', 'labels'],
  properties: {
    name,
    namespace: { type: 'string' },
    labels: {
      type: 'object',
      required: ['strimzi.io/cluster'],
      additionalProperties: { type: 'string' },
    },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
  },
  additionalProperties: false,
};
const resource = (kind, spec) => ({
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: { apiVersion: { const: 'kafka.strimzi.io/v1beta2' }, kind: { const: kind }, metadata, spec },
  additionalProperties: false,
});

const topicSpec = {
  type: 'object',
  required: ['partitions', 'replicas'],
  properties: {
    topicName: { type: 'string' },
    partitions: { type: 'integer', minimum: 1 },
    replicas: { type: 'integer', minimum: 1, maximum: 32767 },
    config: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
  },
  additionalProperties: false,
};

const operation = {
  enum: [
    'Read',
    'Write',
    'Create',
    'Delete',
    'Alter',
    'Describe',
    'ClusterAction',
    'AlterConfigs',
    'DescribeConfigs',
    'IdempotentWrite',
    'All',
  ],
};
const acl = {
  type: 'object',
  required: ['resource', 'operations'],
  properties: {
    type: { enum: ['allow', 'deny'] },
    host: { type: 'string' },
    operations: { type: 'array', minItems: 1, items: operation },
    resource: {
      type: 'object',
      required: ['type'],
      properties: {
        type: { enum: ['topic', 'group', 'cluster', 'transactionalId'] },
        name: { type: 'string' },
        patternType: { enum: ['literal', 'prefix'] },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};
const userSpec = {
  type: 'object',
  required: ['authentication', 'authorization'],
  properties: {
    authentication: {
      type: 'object',
      required: ['type'],
      properties: { type: { enum: ['tls', 'tls-external', 'scram-sha-512'] } },
      additionalProperties: false,
    },
    authorization: {
      type: 'object',
      required: ['type', 'acls'],
      properties: { type: { const: 'simple' }, acls: { type: 'array', items: acl } },
      additionalProperties: false,
    },
    quotas: { type: 'object' },
  },
  additionalProperties: false,
};

export const strimziSchemas = {
  'kafka.strimzi.io/v1beta2/KafkaTopic': resource('KafkaTopic', topicSpec),
  'kafka.strimzi.io/v1beta2/KafkaUser': resource('KafkaUser', userSpec),
};
