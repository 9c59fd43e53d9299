import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const webRoot = path.resolve(__dirname, '../../apps/web/dist');

/** The gzip size in bytes of the scripts index.html loads (the entry chunk and its preloads). */
export function initialJavaScriptGzipBytes(): number {
  const html = fs.readFileSync(path.join(webRoot, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map(
    (match) => match[1],
  );
  if (!scripts.length) throw new Error('index.html loads no script: is apps/web built?');
  return scripts.reduce((total, script) => total + gzipSync(fs.readFileSync(path.join(webRoot, script))).length, 0);
}
