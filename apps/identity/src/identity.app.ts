import type { DynamicModule, INestApplication } from '@nestjs/common';
import { createServiceApp, setupOpenApi, startCommandConsumer } from '@itsm/runtime';

/** The identity HTTP application, as main.ts and the HTTP tests build it. */
export async function createIdentityApp(module: DynamicModule): Promise<INestApplication> {
  const app = await createServiceApp(module);
  setupOpenApi(app, 'ITSM identity', 'Entities, users, groups, profiles, authorizations and sign-in.');
  await startCommandConsumer(app, 'identity');
  return app;
}
