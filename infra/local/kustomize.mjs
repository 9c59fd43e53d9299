// kustomize, which renders k8s/ for the manifest checks of `npm test`, built from the Go module proxy.
// 5.8.3 and later need Go 1.27; 5.8.2 builds with the Go of our machines.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { paths } from './settings.mjs';
import { commandExists, run } from './process.mjs';

const version = 'v5.8.2';
const binary = path.join(paths.bin, 'kustomize');
const stamp = `${binary}.version`;

/** Installs kustomize under .itsm/bin once (about a minute), and returns its path. */
export function installKustomize() {
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === version) return binary;
  if (!commandExists('go')) throw new Error('go is required to build kustomize');
  console.error(`[kustomize] building ${version} with go (first run only, about a minute)`);
  fs.mkdirSync(paths.bin, { recursive: true });
  run('go', ['install', `sigs.k8s.io/kustomize/kustomize/v5@${version}`], {
    env: { ...process.env, GOBIN: paths.bin, GOTOOLCHAIN: 'local' },
    // stdout may carry the rendered manifests: the build talks on stderr
    stdio: ['ignore', 2, 2],
  });
  fs.writeFileSync(stamp, version);
  return binary;
}

/** The manifests of a kustomization directory, as one multi-document YAML text. */
export function kustomizeBuild(directory) {
  const result = spawnSync(installKustomize(), ['build', directory], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`kustomize build ${directory} failed: ${result.stderr}`);
  return result.stdout;
}
