// What a first visit downloads before the first screen: the scripts apps/web/dist/index.html loads
// (the entry chunk and its preloads), gzip-compressed. The web e2e spec holds it to 300 KB; the
// web bench reports it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../apps/web/dist');

export function initialJavaScriptGzipBytes() {
  const html = fs.readFileSync(path.join(webRoot, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  if (!scripts.length) throw new Error('index.html loads no script: is apps/web built?');
  return scripts.reduce((total, script) => total + gzipSync(fs.readFileSync(path.join(webRoot, script))).length, 0);
}
