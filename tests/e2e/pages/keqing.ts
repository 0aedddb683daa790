/** Page object: finds things the way a user does, by role and visible words. */
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

export class Keqing {
  constructor(readonly page: Page) {}

  async open(route = 'overview') {
    await this.page.goto(`./#/${route}`);
    await expect(this.page.locator('html[data-ready="true"]')).toBeAttached();
  }

  nav(name: string | RegExp): Locator {
    return this.page.getByRole('navigation').getByRole('link', { name, exact: true });
  }

  stat(label: string): Locator {
    return this.page.getByRole('group', { name: label, exact: true });
  }

  heading(name: string | RegExp): Locator {
    return this.page.getByRole('heading', { level: 2, name });
  }

  /** Clicks the button and accepts the confirmation dialog it opens. */
  async clickAndConfirm(button: Locator, confirmLabel: string | RegExp) {
    await button.click();
    const dialog = this.page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: confirmLabel }).click();
    await expect(dialog).toBeHidden();
  }

  async loadDemo() {
    await this.open('settings');
    const button = this.page.getByRole('button', { name: 'Load demo store' });
    await button.click();
    const dialog = this.page.getByRole('dialog');
    // Only asked when there is data to replace.
    if (await dialog.isVisible()) await dialog.getByRole('button', { name: 'Load demo store' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'Demo store loaded' })).toBeVisible({ timeout: 120_000 });
  }
}
