import { startServiceUnderTest, type ApiAnswer, type ServiceUnderTest } from '@itsm/runtime';
import type { ManagedIsolatedStack } from '@itsm/testing';
import { IMPORTS_SERVICE } from '../imports.app';
import { ImportsModule } from '../imports.module';

/** The imports service on the test file's slice, with its own database; closed with the slice. */
export function startImports(stack: ManagedIsolatedStack, env: Record<string, string> = {}): Promise<ServiceUnderTest> {
  return startServiceUnderTest(stack, IMPORTS_SERVICE, (serviceEnv) => ImportsModule.register(serviceEnv), env);
}

/** A multipart request as a browser's form sends it: text fields and one file. */
export async function postFile(
  service: ServiceUnderTest,
  path: string,
  token: string,
  file: { name: string; content: Buffer | string },
  fields: Record<string, string> = {},
): Promise<ApiAnswer> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([file.content]), file.name);
  const response = await fetch(`${service.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
