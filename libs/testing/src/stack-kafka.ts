import { FetchWaitKafka } from '@itsm/messaging';
import { logLevel, type Kafka } from 'kafkajs';
import type { StackEndpoints } from './stack-endpoints';

/**
 * How long the broker holds a test consumer's idle fetch (the services under test get it as
 * KAFKA_FETCH_MAX_WAIT_MS): a consumer's stop waits for its fetch under way, kafkajs's 5 s would
 * be paid by every consumer a test stops.
 */
export const TEST_FETCH_MAX_WAIT_MS = 200;

/** A quiet client of the local stack whose consumers stop in a moment. */
export function stackKafka(stack: StackEndpoints, clientId?: string): Kafka {
  return new FetchWaitKafka(
    { brokers: stack.kafkaBrokers.split(','), logLevel: logLevel.NOTHING, ...(clientId && { clientId }) },
    TEST_FETCH_MAX_WAIT_MS,
  );
}
