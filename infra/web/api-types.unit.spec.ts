import { spawnSync } from 'node:child_process';
import path from 'node:path';

// The committed client types are what openapi-typescript makes of the committed documents:
// regenerate them with `node infra/web/api-types.mjs` (or `npm run openapi`) when this fails.
// openapi-typescript loads ES modules only, so the check runs in its own node process.
it('the web client types are up to date with the services’ OpenAPI documents', () => {
  const check = spawnSync(process.execPath, [path.join(__dirname, 'api-types.mjs'), '--check'], { encoding: 'utf8' });
  const { services, stale } = JSON.parse(check.stdout) as { services: string[]; stale: string[] };
  expect(services).toEqual(expect.arrayContaining(['identity', 'sla', 'tickets']));
  expect(stale).toEqual([]);
  expect(check.status).toBe(0);
});
