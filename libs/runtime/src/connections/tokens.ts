/** Injection tokens of the shared connections, one of each per service process. */
export const MONGO_CONNECTION = Symbol('MONGO_CONNECTION');
export const KAFKA = Symbol('KAFKA');
/** Brokers, TLS and SASL (`KafkaConnection`): for the short-lived clients of probes and health checks. */
export const KAFKA_CONNECTION = Symbol('KAFKA_CONNECTION');
export const REDIS = Symbol('REDIS');
/** Redis for the rate limits: fails at once when Redis is away, so that requests are never held up. */
export const RATE_LIMIT_REDIS = Symbol('RATE_LIMIT_REDIS');
