// Debian packages the local stack needs, installed once (root, or sudo).
import { run } from './process.mjs';

let updated = false;

export function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) =>
    process.getuid?.() === 0 ? run('apt-get', args, { env }) : run('sudo', ['-E', 'apt-get', ...args], { env });
  if (!updated) apt(['update', '-qq']);
  updated = true;
  apt(['install', '-y', '-qq', ...packages]);
}
