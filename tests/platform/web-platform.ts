import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, type ManagedIsolatedStack } from '@itsm/testing';
import { startService, type ServiceProcess } from './service-process';

const repoRoot = path.resolve(__dirname, '../..');

/** The services the web application talks to today, and their OpenAPI documents' owners. */
export const WEB_SERVICES = ['identity', 'tickets', 'sla', 'reporting', 'assets'] as const;
export type WebService = (typeof WEB_SERVICES)[number];
/** the gateway's other routes, to services these tests do not start */
export const ABSENT_SERVICES = ['imports'] as const;

export interface WebPlatform {
  services: Record<WebService, ServiceProcess>;
  /** the gateway's address, as the browser uses it (localhost: a secure context for the cookie) */
  url: string;
}

/** Identity's demo users (glpi, tech, normal, post-only, S1 = M. Blier), through its real handlers. */
async function seedIdentity(stack: ManagedIsolatedStack): Promise<void> {
  await promisify(execFile)(process.execPath, [path.join(repoRoot, 'apps/identity/dist/seed.js')], {
    env: { ...process.env, ...stack.envFor('identity'), SERVICE_NAME: `identity-${stack.dbName}` },
  });
}

/**
 * The built services and the gateway in front of them, each its own process on the test file's
 * slice, seeded with identity's demo users: what `npm start` runs, on private ports.
 */
export async function startWebPlatform(stack: ManagedIsolatedStack): Promise<WebPlatform> {
  const identity = await startService(stack, 'identity');
  await seedIdentity(stack);
  const [tickets, sla, reporting, assets] = await Promise.all([
    startService(stack, 'tickets'),
    startService(stack, 'sla'),
    startService(stack, 'reporting'),
    startService(stack, 'assets'),
  ]);
  const services = { identity, tickets, sla, reporting, assets };
  const upstreams = Object.fromEntries(
    Object.entries(services).map(([name, service]) => [`ITSM_${name.toUpperCase()}_URL`, service.url]),
  );
  // the services not started here are a free port away: the gateway answers for them
  const absent = `http://127.0.0.1:${await freePort()}`;
  const away = Object.fromEntries(ABSENT_SERVICES.map((name) => [`ITSM_${name.toUpperCase()}_URL`, absent]));
  const gateway = await startService(stack, 'gateway', { ...upstreams, ...away, LOG_LEVEL: 'silent' });
  return { services, url: gateway.url.replace('127.0.0.1', 'localhost') };
}
