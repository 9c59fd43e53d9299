/** What writing a problem needs of a reply: Fastify's, over HTTP/1 or HTTP/2, and the proxy's. */
interface ProblemReply {
  code(status: number): { type(contentType: string): { send(body: unknown): unknown } };
}

/** The gateway's own refusals as the services write theirs: RFC 9457 problem+json with a stable code. */
export function sendProblem(reply: ProblemReply, status: number, code: string, detail: string) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: `urn:itsm:problem:${code}`, title: code, status, detail, code });
}
