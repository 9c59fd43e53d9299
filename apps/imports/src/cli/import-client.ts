import { openAsBlob } from 'node:fs';
import path from 'node:path';

/** Where the CLI finds the platform: the gateway, or each service on its own (tests, a developer's machine). */
export interface PlatformUrls {
  /** the imports API, e.g. http://127.0.0.1:3000/api/imports or http://127.0.0.1:3006/api */
  importsApi: string;
  /** the identity API, where the CLI signs in */
  identityApi: string;
}

/** How the CLI signs in: a token given, or a login and password it can sign in with again. */
export type Credentials = { token: string } | { login: string; password: string };

export interface RunView {
  runId: string;
  status: 'queued' | 'checking' | 'running' | 'finished' | 'failed' | 'cancelled';
  reason: string | null;
  counts: { succeeded: number; warnings: number; failed: number } | null;
  /** linesTotal: the file's lines of data as the platform counted them at the upload (null: not counted) */
  progress: { linesDone: number; linesPerSecond: number; linesTotal?: number | null; secondsLeft?: number | null };
}

export const ENDED = new Set(['finished', 'failed', 'cancelled']);
/** a token signed again this long before it expires */
const RENEW_BEFORE_MS = 60_000;

/** The imports API as the CLI uses it, with its caller's token kept fresh. */
export class ImportClient {
  private token?: { value: string; expiresAt: number };

  constructor(
    private readonly urls: PlatformUrls,
    private readonly credentials: Credentials,
  ) {}

  /** The model of this name (exact, case-insensitive) or id, among those the caller sees. */
  async modelId(nameOrId: string): Promise<string> {
    const page = (await this.json(`/import-models?name=${encodeURIComponent(nameOrId)}&limit=100`)) as {
      items: Array<{ modelId: string; name: string }>;
    };
    const named = page.items.filter((model) => model.name.toLowerCase() === nameOrId.toLowerCase());
    if (named.length === 1) return named[0].modelId;
    if (named.length > 1) throw new Error(`${named.length} models are named "${nameOrId}": give its id`);
    const byId = await this.request(`/import-models/${encodeURIComponent(nameOrId)}`);
    if (byId.ok) return nameOrId;
    throw new Error(`no import model "${nameOrId}" that you can see`);
  }

  /** Uploads the file (streamed from disk) and queues its run. */
  async start(modelId: string, file: string, options: { dryRun: boolean; entityId?: string }): Promise<RunView> {
    const form = new FormData();
    form.append('modelId', modelId);
    form.append('dryRun', String(options.dryRun));
    if (options.entityId) form.append('entityId', options.entityId);
    form.append('file', await openAsBlob(file), path.basename(file));
    return (await this.json('/import-runs', { method: 'POST', body: form })) as RunView;
  }

  run(runId: string): Promise<RunView> {
    return this.json(`/import-runs/${runId}`) as Promise<RunView>;
  }

  /** The failed lines as the platform writes them (UTF-8 with a BOM, formulas neutralised). */
  async failedLines(runId: string): Promise<Buffer> {
    const answer = await this.request(`/import-runs/${runId}/failed.csv`);
    if (!answer.ok) throw await refusal(answer);
    return Buffer.from(await answer.arrayBuffer());
  }

  private async json(route: string, init: RequestInit = {}): Promise<unknown> {
    const answer = await this.request(route, init);
    if (!answer.ok) throw await refusal(answer);
    return answer.json();
  }

  private async request(route: string, init: RequestInit = {}): Promise<Response> {
    const token = await this.accessToken();
    return reach(this.urls.importsApi, `${this.urls.importsApi}${route}`, {
      ...init,
      headers: { ...init.headers, authorization: `Bearer ${token}` },
    });
  }

  /** A token given is used as is; one signed in with a password is signed again before it expires. */
  private async accessToken(): Promise<string> {
    if ('token' in this.credentials) return this.credentials.token;
    if (this.token && this.token.expiresAt - RENEW_BEFORE_MS > Date.now()) return this.token.value;
    const answer = await reach(this.urls.identityApi, `${this.urls.identityApi}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: this.credentials.login, password: this.credentials.password }),
    });
    if (!answer.ok) throw new Error(`sign-in of ${this.credentials.login} refused (${answer.status})`);
    const { accessToken, expiresIn } = (await answer.json()) as { accessToken: string; expiresIn?: number };
    this.token = { value: accessToken, expiresAt: Date.now() + (expiresIn ?? 900) * 1000 };
    return accessToken;
  }
}

/** fetch, whose "fetch failed" says neither what nor why: the platform's address and the cause instead */
async function reach(api: string, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`cannot reach the platform at ${api} (${cause?.code ?? cause?.message ?? String(error)})`);
  }
}

async function refusal(answer: Response): Promise<Error> {
  const text = await answer.text();
  let detail = text;
  try {
    const problem = JSON.parse(text) as { detail?: string; errors?: Array<{ field: string; message: string }> };
    detail = [problem.detail, ...(problem.errors ?? []).map((error) => `${error.field}: ${error.message}`)]
      .filter(Boolean)
      .join('; ');
  } catch {
    // not a problem document: its text says it
  }
  const error = new Error(`refused (${answer.status}): ${detail}`);
  if (answer.status === 401) error.message += ' (the access token expired or was revoked)';
  return error;
}
