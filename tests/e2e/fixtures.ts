/**
 * Every browser test runs with two watchers: no request may leave the preview server's origin,
 * and the page may log no error (a CSP violation, an uncaught exception) while the test runs.
 */
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ watchers: void }>({
  watchers: [
    async ({ context, page, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const foreign: string[] = [];
      const errors: string[] = [];
      context.on('request', (request) => {
        const url = request.url();
        if (!url.startsWith(`${origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:')) foreign.push(url);
      });
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(String(error)));
      await use();
      expect(foreign, 'requests to other hosts').toEqual([]);
      expect(errors, 'errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
