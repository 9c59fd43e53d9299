import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { listen } from '@itsm/runtime';
import { IdentityModule } from './identity.module';
import { createIdentityApp } from './identity.app';

async function main() {
  const app = await createIdentityApp(IdentityModule.register());
  const url = await listen(app);
  app.get(Logger).log(`identity listening on ${url} (OpenAPI at ${url}/api/docs)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
