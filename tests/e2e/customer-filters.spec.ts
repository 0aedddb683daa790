import { customerStats } from '../../src/lib/customers/stats';
import { dayFromLocalDate } from '../../src/lib/dates';
import { runRfm } from '../../src/lib/rfm/from-stats';
import { expectedDemo } from './expected-demo';
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';

test('filters the customer table by RFM segment and by tier', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  const expected = expectedDemo();
  // The list scores segments as of today, as saved groups do.
  const rfm = runRfm(customerStats([expected.store.purchases]), { analysisDay: dayFromLocalDate(new Date()) + 1, method: 'quantile', preset: 'rfm030' });
  if (!rfm.ok) throw new Error('the demo store always segments');
  const lost = rfm.value.customers.filter((c) => c.segment === 'lost').length;

  await page.goto('./#/customers');
  const status = page.getByRole('status').filter({ hasText: 'Showing' });
  await expect(status).toHaveText(`Showing ${expected.customers} of ${expected.customers} customers`);
  await page.getByRole('combobox', { name: 'Segment', exact: true }).selectOption({ label: 'Lost' });
  await expect(status).toHaveText(`Showing ${lost.toLocaleString('en-US')} of ${expected.customers} customers`);
  await page.getByRole('combobox', { name: 'Segment', exact: true }).selectOption({ label: 'Any' });

  // Before the first tier review nobody has a tier.
  await page.getByRole('combobox', { name: 'Tier', exact: true }).selectOption({ label: 'No tier yet' });
  await expect(status).toHaveText(`Showing ${expected.customers} of ${expected.customers} customers`);
  await page.getByRole('combobox', { name: 'Tier', exact: true }).selectOption({ label: 'A' });
  await expect(status).toHaveText(`Showing 0 of ${expected.customers} customers`);
});
