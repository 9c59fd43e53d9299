import fs from 'node:fs';
import path from 'node:path';

/** The services behind the gateway, their default local ports (README, "Ports"). */
export const SERVICE_PORTS = {
  identity: 3001,
  tickets: 3002,
  sla: 3003,
  assets: 3004,
  reporting: 3005,
  imports: 3006,
} as const;

export type ServiceName = keyof typeof SERVICE_PORTS;

export interface GatewaySettings {
  port: number;
  host: string;
  /** where each service answers: ITSM_<SERVICE>_URL, else 127.0.0.1 on its port */
  upstreams: Record<ServiceName, string>;
  /** the built web application (apps/web/dist) */
  webRoot: string;
  /** TLS served by the gateway itself: then HSTS is sent and the cookie is Secure as always */
  tls: { cert: Buffer; key: Buffer } | null;
}

function portOf(raw: string | undefined, fallback: number): number {
  const port = Number(raw ?? fallback);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`invalid port: ${raw}`);
  return port;
}

function urlOf(raw: string, name: string): string {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (!url || !['http:', 'https:'].includes(url.protocol))
    throw new Error(`ITSM_${name.toUpperCase()}_URL must be an http(s) URL, got ${raw}`);
  return url.origin;
}

/** The gateway's settings from the environment, validated at start. */
export function gatewaySettings(env: NodeJS.ProcessEnv = process.env): GatewaySettings {
  const upstreams = Object.fromEntries(
    Object.entries(SERVICE_PORTS).map(([name, port]) => {
      const key = name.toUpperCase();
      const raw = env[`ITSM_${key}_URL`] ?? `http://127.0.0.1:${portOf(env[`ITSM_${key}_PORT`], port)}`;
      return [name, urlOf(raw, name)];
    }),
  ) as Record<ServiceName, string>;
  const certFile = env.TLS_CERT_FILE;
  const keyFile = env.TLS_KEY_FILE;
  if (Boolean(certFile) !== Boolean(keyFile)) throw new Error('TLS_CERT_FILE and TLS_KEY_FILE go together');
  return {
    port: portOf(env.PORT, 3000),
    host: env.HOST ?? '0.0.0.0',
    upstreams,
    webRoot: path.resolve(env.WEB_ROOT ?? path.join(__dirname, '..', '..', 'web', 'dist')),
    tls: certFile && keyFile ? { cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile) } : null,
  };
}
