/** Page object for one chart card (ui/chart/Chart.svelte): found by its title, used through its small menu. */
import type { Download, Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** The menu button's name in either language: "Chart options: <title>" / "图表操作：<title>". */
const menuName = (title: string) => new RegExp(`^(Chart options: |图表操作：)${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

export class ChartCard {
  readonly figure: Locator;

  constructor(
    readonly page: Page,
    readonly title: string,
  ) {
    this.figure = page.getByRole('figure', { name: title, exact: true });
  }

  /** Waits until the chart is drawn (the wrapper sets data-chart-ready). */
  async ready(): Promise<this> {
    await expect(this.figure).toHaveAttribute('data-chart-ready', 'true');
    return this;
  }

  get menuButton(): Locator {
    return this.figure.getByRole('button', { name: menuName(this.title) });
  }

  get menu(): Locator {
    return this.figure.getByRole('menu');
  }

  /** Opens the menu and picks an item, as a mouse user does. */
  async choose(item: string | RegExp) {
    await this.menuButton.click();
    await this.menu.getByRole('menuitem', { name: item }).click();
    await expect(this.menu).toBeHidden();
  }

  /** The PNG the menu downloads. */
  async downloadPng(item = 'Download image (PNG)'): Promise<Download> {
    const downloading = this.page.waitForEvent('download'); // listen before the click
    await this.choose(item);
    return downloading;
  }

  /** The first table alternative, opened from the menu unless it is open already. */
  async table(item = 'Show as a table'): Promise<Locator> {
    const table = this.figure.getByRole('table').first();
    if (!(await table.isVisible())) await this.choose(item);
    await expect(table).toBeVisible();
    return table;
  }
}
