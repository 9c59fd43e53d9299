/** Injection tokens of the shared connections, one of each per service process. */
export const MONGO_CONNECTION = Symbol('MONGO_CONNECTION');
export const KAFKA = Symbol('KAFKA');
export const REDIS = Symbol('REDIS');
