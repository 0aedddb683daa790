/**
 * The metric dictionary on screen (issue 17 §5): figures that are one concept show one number, two
 * concepts carry two names, and each figure shows its definition (口径) where it is shown.
 */
import { customerStats, lastPurchaseDays } from '../../src/lib/customers/stats';
import { dayFromLocalDate } from '../../src/lib/dates';
import { demoDefaults, generateDemoStore } from '../../src/lib/demo/generate';
import { countDormancy, defaultDormancyParams } from '../../src/lib/dormancy';
import { formatMoney } from '../../src/lib/format';
import { monthOfDay } from '../../src/lib/funnel/months';
import { purchaseKpis } from '../../src/lib/kpi/purchases';
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';
import { KpiBoardPage } from './pages/kpi';

function expected() {
  const today = dayFromLocalDate(new Date());
  const demo = generateDemoStore({ ...demoDefaults, endDay: today });
  const month = monthOfDay(today);
  const figures = purchaseKpis([demo.purchases], { months: [month - 1, month], quarters: [] }).months;
  return { lost: countDormancy(lastPurchaseDays(customerStats([demo.purchases])), today, defaultDormancyParams).lost, last: figures[0]!, now: figures[1]! };
}

test('the churned list and 流失 by days agree after a review today, each named and defined; the self-check says its sales are an estimate', async ({ page }) => {
  const x = expected();
  const fmt = (n: number) => n.toLocaleString('en-US');
  const app = new Keqing(page);
  await app.loadDemo();

  await app.nav('Segments').click();
  await page.getByRole('link', { name: 'Tiers A/B/C' }).click();
  await page.getByRole('button', { name: 'Run review', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'done' })).toBeVisible();

  // The Overview: the tier review's churned list and the day rule's lost customers, the same count
  // under two names, each with its definition.
  await app.open('overview');
  const churnedList = app.stat('Customer tiers Churned list');
  const lost = app.stat('Dormant and lost Lost');
  await expect(churnedList).toContainText(fmt(x.lost));
  await expect(lost).toContainText(fmt(x.lost));
  await expect(lost).toContainText('Lost (by days)');
  await expect(churnedList).toHaveAccessibleDescription(/^Customers moved to the churned list at a tier review/);
  await expect(lost).toHaveAccessibleDescription(/^Customers with no purchase for at least the lost days M as of today/);
  // The monthly rate is named as one.
  await expect(page.getByRole('group', { name: 'Monthly churn rate' })).toContainText('not the churned list’s share of all customers');
  await expect(app.stat('Sales to date')).toHaveAccessibleDescription(/^Net amount of every purchase line on record/);

  // The KPI board's spend per customer is the self-check's average customer value; the self-check's
  // formula sales are named an estimate, with the month's real takings beside them.
  await page.goto('./#/operations/kpi');
  await expect(new KpiBoardPage(page).value('Spend per customer').locator('.value')).toHaveText(formatMoney(Math.round(x.now.spendPerCustomer!), 'en-US'));
  await expect(new KpiBoardPage(page).kpi('Spend per customer')).toContainText('It is the “average customer value” of the self-check and the time what-if.');
  await page.goto('./#/operations/funnel');
  await expect(page.getByLabel('This month: Funnel sales (estimate) (yuan)', { exact: true })).toBeVisible();
  await expect(page.getByTestId('self-check-definitions')).toContainText('Funnel sales (estimate): The self-check formula’s sales: customers closed × average customer value');
  await expect(page.getByTestId('self-check-definitions')).toContainText(
    `The store’s actual Net takings of the month: this month ${formatMoney(x.now.revenue, 'en-US')}, last month ${formatMoney(x.last.revenue, 'en-US')}`,
  );
});
