import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, type ManagedIsolatedStack } from '@itsm/testing';
import { startService, type ServiceProcess } from './service-process';

const repoRoot = path.resolve(__dirname, '../..');

/** The services the web application talks to today, and their OpenAPI documents' owners. */
export const WEB_SERVICES = ['identity', 'tickets', 'sla', 'reporting', 'assets'] as const;
export type WebService = (typeof WEB_SERVICES)[number];
/** The Parc and Data Injection screens' services (web-parc.e2e.spec.ts). */
export const PARC_SERVICES = ['identity', 'assets', 'imports'] as const;
/** every service the gateway routes to */
const GATEWAY_SERVICES = ['identity', 'tickets', 'sla', 'assets', 'reporting', 'imports'] as const;
type GatewayService = (typeof GATEWAY_SERVICES)[number];
/** services whose demo data (apps/<service>/dist/seed.js) the platform loads after identity's */
const SEEDED = new Set<GatewayService>(['assets', 'imports']);

export interface WebPlatform<Service extends GatewayService = WebService> {
  services: Record<Service, ServiceProcess>;
  /** the gateway's address, as the browser uses it (localhost: a secure context for the cookie) */
  url: string;
}

/** A service's demo data through its real handlers (identity's: glpi, tech, normal, post-only, S1 = M. Blier). */
async function seed(stack: ManagedIsolatedStack, service: string, env: Record<string, string> = {}): Promise<void> {
  await promisify(execFile)(process.execPath, [path.join(repoRoot, `apps/${service}/dist/seed.js`)], {
    env: { ...process.env, ...stack.envFor(service), SERVICE_NAME: `${service}-${stack.dbName}`, ...env },
  });
}

/**
 * The built services and the gateway in front of them, each its own process on the test file's
 * slice, seeded with identity's demo users (and the others' demo data): what `npm start` runs, on
 * private ports. `started`: the services the file needs (identity always); the others are away.
 */
export async function startWebPlatform<Service extends GatewayService = WebService>(
  stack: ManagedIsolatedStack,
  started: readonly Service[] = WEB_SERVICES as unknown as Service[],
): Promise<WebPlatform<Service>> {
  const identity = await startService(stack, 'identity');
  // the others hear of the demo users from identity's events, whenever they start
  const others = started.filter((name) => name !== 'identity');
  const [processes] = await Promise.all([
    Promise.all(others.map((name) => startService(stack, name))),
    seed(stack, 'identity'),
  ]);
  const services = Object.fromEntries([
    ['identity', identity],
    ...others.map((name, index) => [name, processes[index]]),
  ]) as Record<Service, ServiceProcess>;
  // stopped all at once, before the slice goes (each one's own stop then has nothing left to do)
  stack.onTeardown(() => Promise.all(Object.values<ServiceProcess>(services).map((service) => service.stop())));
  const upstreams = Object.fromEntries(
    Object.entries<ServiceProcess>(services).map(([name, service]) => [`ITSM_${name.toUpperCase()}_URL`, service.url]),
  );
  // the services not started here are a free port away: the gateway answers for them
  const absent = `http://127.0.0.1:${await freePort()}`;
  const away = Object.fromEntries(
    GATEWAY_SERVICES.filter((name) => !(name in services)).map((name) => [`ITSM_${name.toUpperCase()}_URL`, absent]),
  );
  const [gateway] = await Promise.all([
    startService(stack, 'gateway', { ...away, ...upstreams, LOG_LEVEL: 'silent' }),
    ...others.filter((service) => SEEDED.has(service)).map((name) => seed(stack, name, upstreams)),
  ]);
  return { services, url: gateway.url.replace('127.0.0.1', 'localhost') };
}
