import { readFileSync } from 'node:fs';
import type { KafkaConfig, SASLOptions } from 'kafkajs';

/** How a client reaches the cluster: brokers, TLS and SASL, as kafkajs takes them. */
export type KafkaConnection = Required<Pick<KafkaConfig, 'brokers'>> & Pick<KafkaConfig, 'ssl' | 'sasl'>;

export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/** The environment variables of a secured cluster (empty strings count as unset). */
export interface KafkaConnectionEnv {
  KAFKA_BROKERS: string;
  /** `true`: TLS to the brokers, checked against the system's CAs or KAFKA_SSL_CA_FILE */
  KAFKA_SSL?: string;
  /** PEM of the CA(s) that signed the brokers' certificates; implies TLS */
  KAFKA_SSL_CA_FILE?: string;
  /** PEM of the client certificate (mTLS), with KAFKA_SSL_KEY_FILE; implies TLS */
  KAFKA_SSL_CERT_FILE?: string;
  KAFKA_SSL_KEY_FILE?: string;
  KAFKA_SASL_MECHANISM?: string;
  KAFKA_SASL_USERNAME?: string;
  /** the password, or KAFKA_SASL_PASSWORD_FILE (a mounted Secret) */
  KAFKA_SASL_PASSWORD?: string;
  KAFKA_SASL_PASSWORD_FILE?: string;
}

type ReadFile = (path: string) => string;

/**
 * Maps the environment to kafkajs's connection options, reading the files it names once. Throws a
 * message naming the variables at fault: a service refuses to start rather than fail at its
 * first connection.
 */
export function kafkaConnectionFrom(
  env: KafkaConnectionEnv,
  readFile: ReadFile = (path) => readFileSync(path, 'utf8'),
): KafkaConnection {
  const set = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);
  const read = (variable: keyof KafkaConnectionEnv): string | undefined => {
    const path = set(env[variable]);
    if (path === undefined) return undefined;
    try {
      return readFile(path);
    } catch (error) {
      throw new Error(`${variable} ${path}: ${(error as Error).message}`);
    }
  };
  const connection: KafkaConnection = { brokers: env.KAFKA_BROKERS.split(',') };
  const ssl = sslOf(env.KAFKA_SSL, read('KAFKA_SSL_CA_FILE'), read('KAFKA_SSL_CERT_FILE'), read('KAFKA_SSL_KEY_FILE'));
  if (ssl !== undefined) connection.ssl = ssl;
  const sasl = saslOf(
    set(env.KAFKA_SASL_MECHANISM),
    set(env.KAFKA_SASL_USERNAME),
    set(env.KAFKA_SASL_PASSWORD) ?? read('KAFKA_SASL_PASSWORD_FILE')?.replace(/\r?\n$/, ''),
  );
  if (sasl !== undefined) connection.sasl = sasl;
  return connection;
}

function sslOf(flag: string | undefined, ca?: string, cert?: string, key?: string): KafkaConnection['ssl'] {
  if ((cert === undefined) !== (key === undefined)) {
    throw new Error('KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE go together (a client certificate and its key)');
  }
  const files = { ...(ca === undefined ? {} : { ca: [ca] }), ...(cert === undefined ? {} : { cert, key }) };
  if (Object.keys(files).length > 0) return { ...files, rejectUnauthorized: true };
  return flag === 'true' ? true : undefined;
}

function saslOf(mechanism?: string, username?: string, password?: string): SASLOptions | undefined {
  if (mechanism === undefined) {
    if (username !== undefined || password !== undefined) {
      throw new Error('KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD set without KAFKA_SASL_MECHANISM');
    }
    return undefined;
  }
  if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism)) {
    throw new Error(`KAFKA_SASL_MECHANISM must be one of ${SASL_MECHANISMS.join(', ')}`);
  }
  if (username === undefined || password === undefined) {
    throw new Error(
      `KAFKA_SASL_MECHANISM ${mechanism} needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (or KAFKA_SASL_PASSWORD_FILE)`,
    );
  }
  return { mechanism: mechanism as SaslMechanism, username, password } as SASLOptions;
}
