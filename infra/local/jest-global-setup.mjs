// Integration tests run against the real local stack: make sure it is up, then hand its
// addresses to the test workers through the environment.
import { ensureStack } from './stack.mjs';

export default async function globalSetup() {
  const env = await ensureStack();
  Object.assign(process.env, env);
}
