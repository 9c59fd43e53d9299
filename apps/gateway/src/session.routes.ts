import type { FastifyInstance, FastifyReply } from 'fastify';
import { sendProblem } from './problem';
import { crossSiteRefusal, forgetRefreshToken, keepRefreshToken, REFRESH_COOKIE, REFRESH_PATH } from './refresh-cookie';

/** As identity's refresh tokens live (docs/identity.md): the cookie never outlives them. */
const REFRESH_COOKIE_MAX_AGE_SECONDS = 30 * 24 * 3600;

interface TokenAnswer {
  accessToken?: string;
  refreshToken?: string;
  [field: string]: unknown;
}

/**
 * Sign-in, refresh and context switch go through the gateway: it keeps the refresh token in the
 * cookie and hands the page the access token only, which the page keeps in memory.
 */
export function registerSessionRoutes(app: FastifyInstance, identityUrl: string): void {
  const toIdentity = async (
    path: string,
    body: unknown,
    headers: Record<string, string>,
    reply: FastifyReply,
    clientAddress: string,
  ) => {
    const answer = await fetch(`${identityUrl}/api/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': clientAddress, ...headers },
      body: JSON.stringify(body ?? {}),
    }).catch(() => null);
    if (!answer) return sendProblem(reply, 503, 'unavailable', 'the identity service does not answer');
    const text = await answer.text();
    if (!answer.ok || !text) {
      if (answer.status === 401 && path === 'auth/refresh') forgetRefreshToken(reply);
      return reply
        .code(answer.status)
        .type(answer.headers.get('content-type') ?? 'text/plain')
        .send(text);
    }
    const { refreshToken, ...forThePage } = JSON.parse(text) as TokenAnswer;
    if (refreshToken) keepRefreshToken(reply, refreshToken, REFRESH_COOKIE_MAX_AGE_SECONDS);
    return reply.code(answer.status).send(forThePage);
  };

  app.post('/api/identity/auth/login', (request, reply) =>
    toIdentity('auth/login', request.body, {}, reply, request.ip),
  );

  app.post(REFRESH_PATH, (request, reply) => {
    const refused = crossSiteRefusal(request);
    if (refused) return sendProblem(reply, 403, 'forbidden', refused);
    const refreshToken = request.cookies[REFRESH_COOKIE];
    if (!refreshToken) return sendProblem(reply, 401, 'unauthenticated', 'not signed in');
    return toIdentity('auth/refresh', { refreshToken }, {}, reply, request.ip);
  });

  app.post('/api/identity/auth/switch', (request, reply) =>
    toIdentity('auth/switch', request.body, { authorization: request.headers.authorization ?? '' }, reply, request.ip),
  );

  app.post('/api/identity/auth/logout', async (request, reply) => {
    const answer = await fetch(`${identityUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: request.headers.authorization ?? '', 'x-forwarded-for': request.ip },
    }).catch(() => null);
    // the cookie goes whatever identity says: signing out of this browser always works
    forgetRefreshToken(reply);
    if (!answer) return sendProblem(reply, 503, 'unavailable', 'the identity service does not answer');
    return reply.code(answer.status).send(answer.status === 204 ? undefined : await answer.text());
  });
}
