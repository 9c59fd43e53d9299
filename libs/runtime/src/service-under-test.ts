import type { DynamicModule, INestApplication } from '@nestjs/common';
import { jsonApi, type JsonApi } from './http/json-api';
import { createService, type ServiceDescription } from './service';

/** The slice of the stack a test file owns (libs/testing's ManagedIsolatedStack fits). */
export interface TestSlice {
  dbName: string;
  /** the environment of one service on the slice, with a database of its own */
  envFor(service: string): Record<string, string>;
  /** runs before the slice is removed, last registered first */
  onTeardown(close: () => Promise<unknown>): void;
}

export interface ServiceUnderTest {
  app: INestApplication;
  url: string;
  /** the environment it runs with (its database, topics, consumer groups) */
  env: Record<string, string>;
  api(token?: string): JsonApi;
  /** stops it now (a replica going away); the slice's teardown then leaves it be */
  close(): Promise<void>;
}

/**
 * A service on the test file's slice, as main.ts builds it, listening on a free local port;
 * closed with the slice, before its topics are deleted. Several may run at once on one slice:
 * replicas of one service.
 */
export async function startServiceUnderTest(
  slice: TestSlice,
  service: ServiceDescription,
  moduleFor: (env: Record<string, string>) => DynamicModule,
  env: Record<string, string> = {},
): Promise<ServiceUnderTest> {
  // consumer groups are named after SERVICE_NAME: one of the slice's own keeps test files (and
  // benches) on the shared broker from taking each other's partitions
  const serviceEnv = { SERVICE_NAME: `${service.name}-${slice.dbName}`, ...slice.envFor(service.name), ...env };
  const app = await createService(moduleFor(serviceEnv), service);
  let closed = false;
  const close = async () => {
    if (!closed) await app.close();
    closed = true;
  };
  slice.onTeardown(close);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, env: serviceEnv, api: (token?: string) => jsonApi(url, token), close };
}
