import type { FastifyReply } from 'fastify';

/** The gateway's own refusals as the services write theirs: RFC 9457 problem+json with a stable code. */
export function sendProblem(reply: FastifyReply, status: number, code: string, detail: string) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: `urn:itsm:problem:${code}`, title: code, status, detail, code });
}
