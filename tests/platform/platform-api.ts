import type { ApiAnswer } from '@itsm/runtime';

/** The body of a success among `expected`, or the failure with what the service said. */
export async function ok(answer: Promise<ApiAnswer>, expected = [200, 201]): Promise<ApiAnswer['body']> {
  const { status, body } = await answer;
  if (!expected.includes(status)) throw new Error(`${status} ${JSON.stringify(body)}`);
  return body;
}

/** The services learn users and groups from identity's events: a 422 until they have heard of them. */
export async function untilKnown(call: () => Promise<ApiAnswer>): Promise<ApiAnswer['body']> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answer = await call();
    if (answer.status !== 422 || Date.now() > deadline) return ok(Promise.resolve(answer));
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
