import type { DynamicModule, INestApplication } from '@nestjs/common';
import { createServiceApp, setupOpenApi, startCommandConsumer } from '@itsm/runtime';

/** The tickets HTTP application, as main.ts and the HTTP tests build it. */
export async function createTicketsApp(module: DynamicModule): Promise<INestApplication> {
  const app = await createServiceApp(module);
  setupOpenApi(app, 'ITSM tickets', 'Incidents and requests through the ITIL lifecycle, and ITIL categories.');
  await startCommandConsumer(app, 'tickets');
  return app;
}
