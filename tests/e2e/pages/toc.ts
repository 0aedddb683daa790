/** Page object: a long page's table of contents ("On this page") and the sections it jumps to. */
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

export class PageToc {
  constructor(readonly page: Page) {}

  get nav(): Locator {
    return this.page.getByRole('navigation', { name: 'On this page', exact: true });
  }

  entry(name: string): Locator {
    return this.nav.getByRole('button', { name, exact: true });
  }

  entries(): Promise<string[]> {
    return this.nav.getByRole('button').allInnerTexts();
  }

  /** The section's heading is on screen and not hidden under the bar, which stays on top of the page. */
  async expectShown(heading: Locator) {
    await expect(heading).toBeInViewport();
    const bar = await this.nav.boundingBox();
    const box = await heading.boundingBox();
    expect(bar, 'the bar is shown').not.toBeNull();
    expect(box, 'the heading is shown').not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(bar!.y + bar!.height - 1);
  }
}
