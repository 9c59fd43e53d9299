/** Addresses of the local stack, set by Jest's global setup (infra/local/jest-global-setup.mjs). */
export interface StackEndpoints {
  kafkaBrokers: string;
  mongoUrl: string;
  redisUrl: string;
}

export function stackEndpoints(): StackEndpoints {
  const { KAFKA_BROKERS, MONGO_URL, REDIS_URL } = process.env;
  if (!KAFKA_BROKERS || !MONGO_URL || !REDIS_URL) {
    throw new Error('KAFKA_BROKERS, MONGO_URL and REDIS_URL are unset: run the tests with `npm test`');
  }
  return { kafkaBrokers: KAFKA_BROKERS, mongoUrl: MONGO_URL, redisUrl: REDIS_URL };
}
