import { INestApplication, ValidationPipe } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { rejectDeepBodies } from './http/body-depth';
import { Logger } from 'nestjs-pino';
import type { ServiceEnv } from './config/service-env';

/** Builds a service's Nest application with the platform's HTTP conventions. */
export async function createServiceApp(rootModule: unknown): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(rootModule as never, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  // our parser first, then the depth check, so that validation never sees an absurdly deep body
  app.useBodyParser('json', { limit: '1mb' });
  app.use(rejectDeepBodies);
  // DTOs whitelist their fields: an unknown field is a 400, never silently stored
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.enableShutdownHooks();
  return app;
}

/** Starts listening on the configured port, on every interface (containers) or PORT=0 in tests. */
export async function listen(app: INestApplication): Promise<string> {
  const config = app.get<ConfigService<ServiceEnv, true>>(ConfigService);
  await app.listen(config.get('PORT'));
  return app.getUrl();
}
