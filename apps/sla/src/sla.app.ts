import type { DynamicModule, INestApplication } from '@nestjs/common';
import { createServiceApp, setupOpenApi } from '@itsm/runtime';

/** The sla HTTP application, as main.ts and the HTTP tests build it. */
export async function createSlaApp(module: DynamicModule): Promise<INestApplication> {
  const app = await createServiceApp(module);
  setupOpenApi(
    app,
    'ITSM sla',
    'Business calendars, SLA and OLA definitions with escalation levels, the rules choosing them, and ticket deadlines.',
  );
  return app;
}
