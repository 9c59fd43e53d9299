// Redis from Debian's packages, append-only file on.
import fs from 'node:fs';
import path from 'node:path';
import { dataDir, external, ports, stackEnv } from './settings.mjs';
import { aptInstall } from './apt.mjs';
import { commandExists, spawnDetached } from './process.mjs';
import { redisAnswers } from './probes.mjs';

const home = path.join(dataDir, 'redis');

export const redis = {
  name: 'redis',
  external: Boolean(external.redis),
  endpoint: () => stackEnv().REDIS_URL,
  ready: () => redisAnswers(stackEnv().REDIS_URL),

  install() {
    if (commandExists('redis-server')) return;
    console.log('[redis] installing redis-server from Debian packages (first run only)');
    aptInstall(['redis-server']);
  },

  start() {
    fs.mkdirSync(home, { recursive: true });
    return spawnDetached('redis', 'redis-server', [
      '--bind',
      '127.0.0.1',
      '--port',
      String(ports.redis),
      '--dir',
      home,
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--save',
      '',
      // BullMQ needs every key kept: never evict
      '--maxmemory-policy',
      'noeviction',
      '--daemonize',
      'no',
    ]);
  },
};
