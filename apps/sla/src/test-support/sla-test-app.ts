import { startServiceUnderTest, type ApiAnswer, type ServiceUnderTest } from '@itsm/runtime';
import { untilServiceHas, type ManagedIsolatedStack } from '@itsm/testing';
import { SLA_SERVICE } from '../sla.app';
import { SlaModule } from '../sla.module';

export type SlaUnderTest = ServiceUnderTest;

/**
 * The sla service on the test file's slice, with its own database. Several may run at once on the
 * same database, Kafka group and Redis prefix: replicas of one service.
 */
export function startSla(stack: ManagedIsolatedStack, env: Record<string, string> = {}): Promise<SlaUnderTest> {
  return startServiceUnderTest(stack, SLA_SERVICE, (serviceEnv) => SlaModule.register(serviceEnv), env);
}

/** Waits until the sla service's database has at least `count` documents in `collection`. */
export const slaHas = (stack: ManagedIsolatedStack, collection: string, count: number): Promise<void> =>
  untilServiceHas(stack, 'sla', collection, count);

/** The body of a 201, or the failure with what the service said. */
export function created(answer: ApiAnswer): ApiAnswer['body'] {
  if (answer.status !== 201) throw new Error(`expected 201, got ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}
