import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** The import screen, as a user works it. */
export class ImportScreen {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('./#/customers/import');
    await expect(this.page.getByRole('heading', { name: 'Import customers or purchases' })).toBeVisible();
  }

  async choose(path: string | { name: string; mimeType: string; buffer: Buffer }) {
    await this.page.getByLabel('Choose a CSV file').setInputFiles(path);
  }

  async importFile(path: string) {
    await this.choose(path);
    await this.page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(this.page.getByRole('table', { name: 'Import result' })).toBeVisible();
  }

  resultRow(label: string) {
    return this.page.getByRole('table', { name: 'Import result' }).getByRole('row', { name: label });
  }
}
