import createClient, { type Client } from 'openapi-fetch';
import type { paths as AssetsPaths } from './generated/assets';
import type { paths as IdentityPaths } from './generated/identity';
import type { paths as ReportingPaths } from './generated/reporting';
import type { paths as SlaPaths } from './generated/sla';
import type { paths as TicketsPaths } from './generated/tickets';
import type { paths as ImportsPaths } from './generated/imports';
import { authorizedFetch } from './access-token';
import { ApiProblem } from './api-problem';

/**
 * A typed client of one service through the gateway: the service's own paths (`/api/tickets/{id}`)
 * are sent to `/api/<service>/tickets/{id}`, which the gateway routes to the service's `/api/…`.
 */
function serviceClient<Paths extends object>(service: string): Client<Paths> {
  const base = `${window.location.origin}/api/${service}`;
  return createClient<Paths>({
    baseUrl: base,
    fetch: (request) => authorizedFetch(request.url.replace(`${base}/api/`, `${base}/`), request),
  });
}

export const identityApi = serviceClient<IdentityPaths>('identity');
export const ticketsApi = serviceClient<TicketsPaths>('tickets');
export const slaApi = serviceClient<SlaPaths>('sla');
export const assetsApi = serviceClient<AssetsPaths>('assets');
export const importsApi = serviceClient<ImportsPaths>('imports');
export const reportingApi = serviceClient<ReportingPaths>('reporting');


/**
 * The data of a successful answer, or an ApiProblem with the service's detail. `T`: the answer's
 * shape (views.ts), as the services do not document their answers' bodies yet.
 */
export async function answer<T = unknown>(
  call: Promise<{ data?: unknown; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const detail = (error as { detail?: string } | undefined)?.detail ?? response.statusText;
  throw new ApiProblem(response.status, detail);
}
