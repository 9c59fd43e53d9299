import { startServiceUnderTest, type ApiAnswer, type ServiceUnderTest } from '@itsm/runtime';
import { untilServiceHas, type ManagedIsolatedStack } from '@itsm/testing';
import { ASSETS_SERVICE } from '../assets.app';
import { AssetsModule } from '../assets.module';

export type AssetsUnderTest = ServiceUnderTest;

/** The assets service on the test file's slice, with its own database; closed with the slice. */
export function startAssets(stack: ManagedIsolatedStack, env: Record<string, string> = {}): Promise<AssetsUnderTest> {
  return startServiceUnderTest(stack, ASSETS_SERVICE, (serviceEnv) => AssetsModule.register(serviceEnv), env);
}

/** Waits until the assets service's database has at least `count` documents in `collection`. */
export const assetsHas = (stack: ManagedIsolatedStack, collection: string, count: number): Promise<void> =>
  untilServiceHas(stack, 'assets', collection, count);

/** The body of a 201, or the failure with what the service said. */
export function created(answer: ApiAnswer): ApiAnswer['body'] {
  if (answer.status !== 201) throw new Error(`expected 201, got ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}
