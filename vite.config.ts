/// <reference types="vitest/config" />
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { contentSecurityPolicy, offline, sectionPreload } from './scripts/vite-plugin-offline.ts';
import { wordsAsData } from './scripts/vite-plugin-words.ts';

export default defineConfig({
  // Relative asset paths: dist/ works from any folder, sub-path or USB stick behind a static server.
  base: './',
  plugins: [wordsAsData(), svelte(), offline(fileURLToPath(new URL('./src/sw/service-worker.js', import.meta.url))), sectionPreload(), contentSecurityPolicy()],
  build: { target: 'es2022', sourcemap: false },
  worker: { format: 'es' },
  preview: { port: 4173, strictPort: true },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/data/**/*.test.ts'],
    environment: 'node',
    // Dexie looks for indexedDB when first imported: the in-memory one must be there before.
    setupFiles: ['fake-indexeddb/auto'],
    // No test may depend on speed: on a loaded 2-core machine (load 10–25) work runs 5–10× slower
    // than idle, so the defaults (5 s / 10 s) are far too tight. Heavy tests set their own, larger.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: process.env.VITEST_JSON ? ['default', ['json', { outputFile: process.env.VITEST_JSON }]] : ['default'],
  },
});
