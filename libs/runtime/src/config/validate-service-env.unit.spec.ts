import 'reflect-metadata';
import { validateServiceEnv } from './validate-service-env';

const base = {
  MONGO_URL: 'mongodb://127.0.0.1:27027/',
  KAFKA_BROKERS: 'kafka:9093',
  REDIS_URL: 'redis://127.0.0.1:16379',
};
const defaults = { name: 'tickets', port: 3002 };

describe('the service environment', () => {
  it('takes a secured Kafka and per-topic settings, with documented defaults', () => {
    const env = validateServiceEnv(
      {
        ...base,
        KAFKA_SSL: 'true',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'tickets',
        KAFKA_SASL_PASSWORD: 'secret',
        KAFKA_TOPIC_OVERRIDES: 'itsm.tickets.events:partitions=12',
      },
      defaults,
    );
    expect(env).toEqual(
      expect.objectContaining({
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_EVENT_RETENTION_MS: -1,
        KAFKA_COMMAND_RETENTION_MS: 604_800_000,
        KAFKA_TOPIC_PARTITIONS: 3,
        KAFKA_REPLICATION_FACTOR: -1,
      }),
    );
  });

  it('refuses to start on Kafka settings that cannot work, naming them', () => {
    expect(() => validateServiceEnv({ ...base, KAFKA_SASL_MECHANISM: 'kerberos' }, defaults)).toThrow(
      'Invalid environment for tickets: KAFKA_SASL_MECHANISM must be one of plain, scram-sha-256, scram-sha-512',
    );
    expect(() => validateServiceEnv({ ...base, KAFKA_SASL_MECHANISM: 'plain' }, defaults)).toThrow(
      'KAFKA_SASL_MECHANISM plain needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD',
    );
    expect(() => validateServiceEnv({ ...base, KAFKA_SSL_CA_FILE: '/run/secrets/missing-ca.pem' }, defaults)).toThrow(
      'KAFKA_SSL_CA_FILE /run/secrets/missing-ca.pem: ENOENT',
    );
    expect(() =>
      validateServiceEnv({ ...base, KAFKA_TOPIC_OVERRIDES: 'itsm.tickets.events:partitions=x' }, defaults),
    ).toThrow('KAFKA_TOPIC_OVERRIDES: "partitions=x"');
  });
});
