import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyHttpProxy from '@fastify/http-proxy';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { GatewaySettings, ServiceName } from './gateway.env';
import { sendProblem } from './problem';
import { securityHeaders } from './security-headers';
import { registerSessionRoutes } from './session.routes';

/** Headers the services never see: the session cookie is the gateway's business only. */
const DROPPED_HEADERS = ['cookie'];

async function proxyService(app: FastifyInstance, name: ServiceName, upstream: string): Promise<void> {
  await app.register(fastifyHttpProxy, {
    upstream,
    prefix: `/api/${name}`,
    rewritePrefix: '/api',
    replyOptions: {
      rewriteRequestHeaders: (request, headers) => {
        const kept = Object.fromEntries(
          Object.entries(headers).filter(([header]) => !DROPPED_HEADERS.includes(header.toLowerCase())),
        );
        return { ...kept, 'x-forwarded-for': request.ip };
      },
      // a service that does not answer is a dependency away, as the services say it: 503 problem+json
      onError: (reply) => void sendProblem(reply, 503, 'unavailable', `the ${name} service does not answer`),
    },
  });
}

/** The application's files; any other page address gets index.html, the router takes it from there. */
async function serveWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  const index = path.join(webRoot, 'index.html');
  if (!fs.existsSync(index)) throw new Error(`the web application is not built: ${index} is missing (npm run build)`);
  // wildcard: files are looked up at each request, so a rebuilt application is served without a restart
  await app.register(fastifyStatic, { root: webRoot, index: 'index.html', wildcard: true });
  app.setNotFoundHandler((request, reply) => {
    if (request.method !== 'GET' || request.url.startsWith('/api/')) {
      return sendProblem(reply, 404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`);
    }
    return reply.type('text/html').sendFile('index.html');
  });
}

/** The gateway: security headers, session routes, one proxy per service, the web application. */
export async function buildGateway(settings: GatewaySettings): Promise<FastifyInstance> {
  const options = {
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    // the session routes' bodies are small; the proxied ones are the services' to cap
    bodyLimit: 64 * 1024,
  };
  // over TLS the instance is typed for https.Server; every plugin here works on either
  const app = (settings.tls
    ? Fastify({ ...options, https: settings.tls })
    : Fastify(options)) as unknown as FastifyInstance;
  await app.register(fastifyHelmet, securityHeaders(settings.tls !== null));
  await app.register(fastifyCookie);
  app.get('/health/ready', async () => ({ status: 'ok' }));
  app.get('/health/live', async () => ({ status: 'ok' }));
  registerSessionRoutes(app, settings.upstreams.identity);
  for (const [name, upstream] of Object.entries(settings.upstreams)) {
    await proxyService(app, name as ServiceName, upstream);
  }
  await serveWebApp(app, settings.webRoot);
  return app;
}
