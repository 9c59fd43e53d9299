/**
 * The access token lives in this module's memory only (never in storage a script could read
 * later); the refresh token is the gateway's httpOnly cookie, sent to the refresh route alone.
 */
let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;

export const CSRF_HEADER = 'x-itsm-csrf';

export function currentAccessToken(): string | null {
  return accessToken;
}

export function keepAccessToken(token: string | null): void {
  accessToken = token;
}

/** One refresh at a time: the cookie's token rotates at each use, a second call would spend it twice. */
export function refreshAccessToken(): Promise<boolean> {
  refreshing ??= fetch('/api/identity/auth/refresh', {
    method: 'POST',
    headers: { [CSRF_HEADER]: '1' },
    credentials: 'same-origin',
  })
    .then(async (response) => {
      keepAccessToken(response.ok ? ((await response.json()) as { accessToken: string }).accessToken : null);
      return response.ok;
    })
    .catch(() => false)
    .finally(() => (refreshing = null));
  return refreshing;
}

/**
 * fetch with the access token; on a 401 the token is refreshed once and the request tried again.
 * The body is read once into memory: browsers send a streamed body only over HTTP/2.
 */
export async function authorizedFetch(url: string, request: Request): Promise<Response> {
  const body = ['GET', 'HEAD'].includes(request.method) ? undefined : await request.arrayBuffer();
  const attempt = () => {
    const headers = new Headers(request.headers);
    const token = currentAccessToken();
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(url, { method: request.method, headers, body, credentials: 'same-origin', signal: request.signal });
  };
  const response = await attempt();
  if (response.status !== 401 || !(await refreshAccessToken())) return response;
  return attempt();
}
