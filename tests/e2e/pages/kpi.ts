/** Page object for the funnel and KPI board tabs of Operations. */
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

export class FunnelPage {
  constructor(readonly page: Page) {}

  prospectRow(name: string): Locator {
    return this.page.getByRole('table', { name: 'Prospects and opportunities' }).getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });
  }

  async register(fields: { name: string; model?: string; colour?: string; expectedMonth?: string }) {
    const form = this.page.locator('form').filter({ has: this.page.getByRole('button', { name: 'Register', exact: true }) });
    await form.getByLabel('Name').fill(fields.name);
    if (fields.model) await form.getByLabel('Intended model').fill(fields.model);
    if (fields.colour) await form.getByLabel('Colour').fill(fields.colour);
    if (fields.expectedMonth) await form.getByLabel('Expected purchase month').fill(fields.expectedMonth);
    await form.getByRole('button', { name: 'Register', exact: true }).click();
  }

  async recordStage(name: string, stage: string) {
    const row = this.prospectRow(name);
    await row.getByLabel(`New stage for ${name}`).selectOption({ label: stage });
    await row.getByRole('button', { name: 'Record', exact: true }).click();
  }

  conversionRow(step: string): Locator {
    return this.page.getByRole('table', { name: 'Conversion by stage' }).getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: step, exact: true }) });
  }
}

export class KpiBoardPage {
  constructor(readonly page: Page) {}

  kpi(name: string): Locator {
    return this.page.getByRole('listitem').filter({ has: this.page.getByRole('heading', { level: 4, name, exact: true }) });
  }

  value(name: string): Locator {
    return this.kpi(name).getByRole('group', { name: 'Value' });
  }

  status(name: string): Locator {
    return this.kpi(name).getByRole('group', { name: 'Status' });
  }

  /** The target and the alert line as the card shows them outside the edit mode. */
  target(name: string): Locator {
    return this.kpi(name).getByRole('group', { name: 'Target', exact: true });
  }

  alert(name: string): Locator {
    return this.kpi(name).getByRole('group', { name: 'Alert line', exact: true });
  }

  get editButton(): Locator {
    return this.page.getByRole('button', { name: 'Edit targets' });
  }

  get saveButton(): Locator {
    return this.page.getByRole('button', { name: 'Save targets' });
  }

  get cancelButton(): Locator {
    return this.page.getByRole('button', { name: 'Cancel', exact: true });
  }

  /** The edit mode's fields of one card (only there while editing). */
  targetInput(name: string): Locator {
    return this.kpi(name).getByLabel(`Target for ${name}`, { exact: true });
  }

  alertInput(name: string): Locator {
    return this.kpi(name).getByLabel(`Alert line for ${name}`, { exact: true });
  }

  frontBox(name: string): Locator {
    return this.kpi(name).getByLabel(`Show ${name} on the Overview`, { exact: true });
  }

  periodSelect(name: string): Locator {
    return this.kpi(name).getByRole('combobox', { name: `Period for ${name}`, exact: true });
  }

  async edit() {
    await this.editButton.click();
    await expect(this.saveButton).toBeVisible();
  }

  /** Saves the edit mode; it closes when everything was stored. */
  async save() {
    await this.saveButton.click();
    await expect(this.saveButton).toBeHidden();
  }
}
