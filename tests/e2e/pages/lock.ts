/** The manager PIN and the header's lock, as a manager and a clerk use them. */
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

export class Lock {
  constructor(readonly page: Page) {}

  /** Sets the PIN on the Settings screen (manager mode) and locks: the app is then in clerk mode. */
  async setPinAndLock(pin: string) {
    await this.setPin(pin);
    await this.page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect(this.clerkBadge).toBeVisible();
  }

  /** Sets (or changes) the PIN as a manager; the app stays in manager mode. */
  async setPin(pin: string) {
    await this.page.goto('./#/settings');
    await this.page.getByLabel('New PIN (4–12 digits, 6 or more advised)').fill(pin);
    await this.page.getByLabel('Type it again').fill(pin);
    await this.page.getByRole('button', { name: 'Save PIN' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'PIN saved.' })).toBeVisible();
  }

  get clerkBadge() {
    return this.page.getByText('Clerk mode', { exact: true });
  }

  get managerBadge() {
    return this.page.getByText('Manager mode', { exact: true });
  }

  async tryPin(pin: string) {
    const field = this.page.getByLabel('Manager PIN', { exact: true });
    if (!(await field.isVisible())) await this.page.getByRole('button', { name: 'Manager unlock' }).click();
    await field.fill(pin);
    await this.page.getByRole('button', { name: 'Unlock', exact: true }).click();
  }
}
