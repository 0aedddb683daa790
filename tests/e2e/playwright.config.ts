import { defineConfig, devices } from '@playwright/test';

/** The app is served under a sub-path to prove the build works from any folder (relative base). */
export const BASE_PATH = '/shop/keqing/';
const PORT = Number(process.env.KEQING_E2E_PORT ?? 4317);
/** Another build folder and port let two checkouts' browser tests run side by side. */
const OUT_DIR = process.env.KEQING_E2E_OUT ?? 'dist';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: `../../test-results${process.env.KEQING_E2E_PORT ? `-${PORT}` : ''}`,
  fullyParallel: true,
  workers: 2,
  // On CI's 2 shared cores a test may lose a race it wins elsewhere: one retry there, reported
  // as flaky in the run's output; never locally, where a flaky test should be seen and fixed.
  retries: process.env.CI ? 1 : 0,
  // Sized for a loaded 2-core machine, not an idle one: a passing test never waits for these.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: process.env.PLAYWRIGHT_JSON
    ? [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON }]]
    : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}${BASE_PATH}`,
    locale: 'en-US',
    acceptDownloads: true,
    trace: 'off',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          // Debian's Chromium; `playwright install` cannot download here. The flags stop it calling
          // home on a closed network, where it would stall on refused connections.
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
  ],
  webServer: {
    // The production build, as users get it (scripts/test.mjs builds it first).
    command: `npx vite preview --base ${BASE_PATH} --outDir ${OUT_DIR} --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}${BASE_PATH}`,
    reuseExistingServer: false,
    cwd: '../..',
    timeout: 180_000,
  },
});
