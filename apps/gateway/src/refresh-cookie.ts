import type { FastifyReply, FastifyRequest } from 'fastify';

/** The refresh token's cookie: never readable by scripts, sent only to the refresh route, same site only. */
export const REFRESH_COOKIE = 'itsm_refresh';
export const REFRESH_PATH = '/api/identity/auth/refresh';
/** A cross-site form cannot set a header: the cookie-authenticated route requires this one. */
export const CSRF_HEADER = 'x-itsm-csrf';

const cookieOptions = {
  path: REFRESH_PATH,
  httpOnly: true,
  // browsers accept Secure cookies from http://localhost, so development needs no exception
  secure: true,
  sameSite: 'strict',
} as const;

export function keepRefreshToken(reply: FastifyReply, refreshToken: string, maxAgeSeconds: number): void {
  reply.setCookie(REFRESH_COOKIE, refreshToken, { ...cookieOptions, maxAge: maxAgeSeconds });
}

export function forgetRefreshToken(reply: FastifyReply): void {
  reply.clearCookie(REFRESH_COOKIE, cookieOptions);
}

/**
 * Why a cookie-authenticated request is refused, or null: it must carry the custom header, and a
 * browser's Origin (when sent) must be this very host.
 */
export function crossSiteRefusal(request: FastifyRequest): string | null {
  if (request.headers[CSRF_HEADER] !== '1') return `the ${CSRF_HEADER} header is required`;
  const origin = request.headers.origin;
  if (origin && new URL(origin).host !== request.headers.host) return 'a request from another origin';
  if (request.headers['sec-fetch-site'] && !['same-origin', 'none'].includes(String(request.headers['sec-fetch-site'])))
    return 'a request from another site';
  return null;
}
