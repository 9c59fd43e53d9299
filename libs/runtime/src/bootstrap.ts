import { INestApplication, Logger as NestLogger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { ServiceEnv } from './config/service-env';
import { HttpDrain } from './http/http-drain';
import { rejectUnfitJson } from './http/json-guard';
import { problemMiddleware, ProblemDetailsFilter } from './http/problem-details.filter';
import { trustProxyOf } from './http/trust-proxy';
import { validationPipe } from './http/validation';
import { serveMetrics } from './observability/metrics-endpoint';
import { Metrics } from './observability/metrics';
import { requestFlow, requestTimer } from './observability/request-flow';

/** Builds a service's Nest application with the platform's HTTP conventions. */
export async function createServiceApp(rootModule: unknown): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(rootModule as never, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  // the client's address (rate limits, logs) as the proxies in front of the service tell it
  const config = app.get<ConfigService<ServiceEnv, true>>(ConfigService);
  app.set('trust proxy', trustProxyOf(config.get('TRUST_PROXY', { infer: true })));
  // counted from the first middleware, so that a shutdown waits for every request under way
  app.use(app.get(HttpDrain).track);
  // scrapes pass no guard, limit nor log line; with METRICS_PORT they are served on that port alone
  const metrics = app.get(Metrics);
  if (config.get('METRICS_PORT', { infer: true }) === undefined) app.use('/metrics', serveMetrics(metrics));
  app.use(requestTimer(metrics));
  // security headers (no X-Powered-By, nosniff, a strict CSP: the API serves JSON and its docs page)
  app.use(helmet());
  // our parser first, then the guard, so that validation never sees an absurd body or query
  // its size stays on the request for the routes that cap it lower (BodyLimit)
  app.useBodyParser('json', { limit: '1mb', verify: recordBodyBytes });
  app.use(rejectUnfitJson);
  // the rest of the request in its flow and span (after the parser, whose stream events lose the context)
  app.use(requestFlow());
  // what the parser or the guard refuse is answered like every other error
  app.use(problemMiddleware(new NestLogger('HTTP')));
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  return app;
}

/** Starts listening on the configured port, on every interface (containers) or PORT=0 in tests. */
export async function listen(app: INestApplication): Promise<string> {
  const config = app.get<ConfigService<ServiceEnv, true>>(ConfigService);
  await app.listen(config.get('PORT'));
  return app.getUrl();
}

function recordBodyBytes(req: { bodyBytes?: number }, _res: unknown, body: Buffer): void {
  req.bodyBytes = body.length;
}
