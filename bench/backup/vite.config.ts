/** Builds the backup phases bench page (not part of the app): `node bench/backup.mjs` does it. */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'error',
  build: { target: 'es2022', outDir: fileURLToPath(new URL('../../.cache/bench-backup', import.meta.url)), emptyOutDir: true },
  worker: { format: 'es' },
});
