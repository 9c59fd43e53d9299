import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

// The app is served by the gateway (apps/gateway) from dist/: one origin, /api/<service>/… proxied.
export default defineConfig({
  root: here,
  plugins: [react()],
  resolve: { alias: { '@itsm/domain': path.resolve(here, '../../libs/domain/src/index.ts') } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: { proxy: { '/api': process.env.ITSM_GATEWAY_URL ?? 'http://127.0.0.1:3000' } },
});
