import fs from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');
/** The services' OpenAPI documents the web client's types are generated from (apps/web/openapi/). */
export const openApiDir = path.join(repoRoot, 'apps/web/openapi');

export const committedDocumentPath = (service: string) => path.join(openApiDir, `${service}.json`);

/** A service's document as it serves it at /api/docs-json, in the committed file's layout. */
export async function servedDocument(serviceUrl: string): Promise<string> {
  const response = await fetch(`${serviceUrl}/api/docs-json`);
  if (!response.ok) throw new Error(`${serviceUrl}/api/docs-json answered ${response.status}`);
  return `${JSON.stringify(await response.json(), null, 2)}\n`;
}

export function committedDocument(service: string): string | null {
  const file = committedDocumentPath(service);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
}
