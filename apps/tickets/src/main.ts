import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { listen } from '@itsm/runtime';
import { createTicketsApp } from './tickets.app';
import { TicketsModule } from './tickets.module';

async function main() {
  const app = await createTicketsApp(TicketsModule.register());
  const url = await listen(app);
  app.get(Logger).log(`tickets listening on ${url} (OpenAPI at ${url}/api/docs)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
