import type { DynamicModule, INestApplication } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { createServiceApp, listen } from './bootstrap';
import { startCommandConsumer } from './commands/command-consumer';
import { setupOpenApi } from './openapi';

/** What a service says of itself, and the wiring it needs once its application exists. */
export interface ServiceDescription {
  /** as in its module's defaults: names its logs, its test database and consumer groups */
  name: string;
  /** the OpenAPI document's title and description */
  title: string;
  description: string;
  /** it takes commands on `itsm.<name>.commands` (its *.kafka.controller.ts handlers) */
  takesCommands?: boolean;
}

/** A service's application: the platform's HTTP conventions, its OpenAPI document, its own wiring. */
export async function createService(module: DynamicModule, service: ServiceDescription): Promise<INestApplication> {
  const app = await createServiceApp(module);
  setupOpenApi(app, service.title, service.description);
  if (service.takesCommands) await startCommandConsumer(app, service.name);
  return app;
}

/**
 * A service process's whole main: builds the module (its environment is validated there), creates
 * the application, listens and says where; a failure at start ends the process with its message.
 */
export function runService(moduleFactory: () => DynamicModule, service: ServiceDescription): void {
  const start = async () => {
    const app = await createService(moduleFactory(), service);
    const url = await listen(app);
    app.get(Logger).log(`${service.name} listening on ${url} (OpenAPI at ${url}/api/docs)`);
  };
  start().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
