import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/** Clicks an export button and gives the CSV's lines (the BOM checked and removed). */
export async function downloadCsvLines(page: Page, button: string): Promise<string[]> {
  const downloading = page.waitForEvent('download'); // listen before the click
  await page.getByRole('button', { name: button }).click();
  const text = await readFile(await (await downloading).path(), 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return text.slice(1).trim().split('\r\n');
}
