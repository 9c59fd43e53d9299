import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaConnectionFrom } from './kafka-connection';

const dir = mkdtempSync(join(tmpdir(), 'kafka-connection-'));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const ca = file('ca.pem', 'CA PEM');
const cert = file('client.pem', 'CERT PEM');
const key = file('client.key', 'KEY PEM');
const password = file('password', 's3cret\n');
const KAFKA_BROKERS = 'kafka-0:9093,kafka-1:9093';

afterAll(() => rmSync(dir, { recursive: true }));

describe('the Kafka connection from the environment', () => {
  it('is plain brokers by default', () => {
    expect(kafkaConnectionFrom({ KAFKA_BROKERS, KAFKA_SSL: 'false', KAFKA_SASL_MECHANISM: '' })).toEqual({
      brokers: ['kafka-0:9093', 'kafka-1:9093'],
    });
  });

  it('speaks TLS checked against the system CAs, or the CA file given', () => {
    expect(kafkaConnectionFrom({ KAFKA_BROKERS, KAFKA_SSL: 'true' }).ssl).toBe(true);
    expect(kafkaConnectionFrom({ KAFKA_BROKERS, KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: ca }).ssl).toEqual({
      ca: ['CA PEM'],
      rejectUnauthorized: true,
    });
  });

  it('presents a client certificate (mTLS), which implies TLS', () => {
    const connection = kafkaConnectionFrom({
      KAFKA_BROKERS,
      KAFKA_SSL_CA_FILE: ca,
      KAFKA_SSL_CERT_FILE: cert,
      KAFKA_SSL_KEY_FILE: key,
    });
    expect(connection).toEqual({
      brokers: ['kafka-0:9093', 'kafka-1:9093'],
      ssl: { ca: ['CA PEM'], cert: 'CERT PEM', key: 'KEY PEM', rejectUnauthorized: true },
    });
  });

  it('signs in with SCRAM-SHA-512 or PLAIN, the password given or read from a file', () => {
    const scram = kafkaConnectionFrom({
      KAFKA_BROKERS,
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'tickets',
      KAFKA_SASL_PASSWORD_FILE: password,
    });
    expect(scram).toEqual({
      brokers: ['kafka-0:9093', 'kafka-1:9093'],
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'tickets', password: 's3cret' },
    });
    const plain = kafkaConnectionFrom({
      KAFKA_BROKERS,
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'sla',
      KAFKA_SASL_PASSWORD: 'pw',
    });
    expect(plain.sasl).toEqual({ mechanism: 'plain', username: 'sla', password: 'pw' });
  });

  it('refuses what cannot work, naming the variables', () => {
    const refused = (env: Record<string, string>) => () => kafkaConnectionFrom({ KAFKA_BROKERS, ...env });
    expect(refused({ KAFKA_SSL_CERT_FILE: cert })).toThrow('KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE go together');
    expect(refused({ KAFKA_SSL_CA_FILE: join(dir, 'missing.pem') })).toThrow(
      /^KAFKA_SSL_CA_FILE .*missing\.pem: ENOENT/,
    );
    expect(refused({ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' })).toThrow(
      'KAFKA_SASL_MECHANISM must be one of plain, scram-sha-256, scram-sha-512',
    );
    expect(refused({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u' })).toThrow(
      'needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD',
    );
    expect(refused({ KAFKA_SASL_USERNAME: 'u' })).toThrow('without KAFKA_SASL_MECHANISM');
  });
});
