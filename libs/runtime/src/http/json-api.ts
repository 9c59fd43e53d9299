/** A small JSON-over-HTTP client of a service's API (seeds, benchmarks and tests use it). */
export interface ApiAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- callers read answers field by field
  body: any;
}

/** Headers of a request besides the token and the content type (`idempotency-key`, say). */
export type RequestHeaders = Record<string, string>;

export function jsonApi(url: string, token?: string) {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: RequestHeaders = {},
  ): Promise<ApiAnswer> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed };
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown, headers?: RequestHeaders) => call('POST', path, body ?? {}, headers),
    put: (path: string, body?: unknown) => call('PUT', path, body ?? {}),
    patch: (path: string, body?: unknown) => call('PATCH', path, body ?? {}),
    delete: (path: string) => call('DELETE', path),
    /** a body sent as given, for what JSON.stringify would never write */
    raw: (method: string, path: string, text: string) => call(method, path, text),
  };
}

export type JsonApi = ReturnType<typeof jsonApi>;
