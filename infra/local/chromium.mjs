#!/usr/bin/env node
// Debian's Chromium for the browser tests (playwright-core drives it), installed once.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { aptInstall } from './apt.mjs';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Installs Debian's chromium package unless a browser is already at CHROMIUM_PATH. */
export function ensureChromium() {
  if (fs.existsSync(chromiumPath)) return chromiumPath;
  console.log('[chromium] installing chromium from Debian packages (first run only)');
  aptInstall(['chromium', 'fonts-dejavu-core']);
  return chromiumPath;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureChromium();
