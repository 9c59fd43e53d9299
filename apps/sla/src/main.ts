import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { listen } from '@itsm/runtime';
import { createSlaApp } from './sla.app';
import { SlaModule } from './sla.module';

async function main() {
  const app = await createSlaApp(SlaModule.register());
  const url = await listen(app);
  app.get(Logger).log(`sla listening on ${url} (OpenAPI at ${url}/api/docs)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
