import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createServiceApp, listen } from '@itsm/runtime';
import { IdentityModule } from './identity.module';

async function main() {
  const app = await createServiceApp(IdentityModule.register());
  const url = await listen(app);
  app.get(Logger).log(`identity listening on ${url}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
