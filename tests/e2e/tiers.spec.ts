import { readFile } from 'node:fs/promises';
import { dayFromLocalDate, isoFromDay } from '../../src/lib/dates';
import { demoDefaults, generateDemoStore } from '../../src/lib/demo/generate';
import { maskPhone } from '../../src/lib/import/values/phone';
import { countTiers, defaultTierParams, reviewFromLines, summariseReview } from '../../src/lib/tiers';
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';

/** The first review of the demo store as the pure functions compute it (default rules, today). */
function expectedReview() {
  const today = dayFromLocalDate(new Date());
  const demo = generateDemoStore({ ...demoDefaults, endDay: today });
  const review = reviewFromLines([demo.purchases], [], today, defaultTierParams);
  const names = new Map(demo.customers.map((c) => [c.id, c.name]));
  const people = new Map(demo.customers.map((c) => [c.id, c]));
  return { today: isoFromDay(today), review, counts: countTiers(review.state), summary: summariseReview(review.log), names, people };
}

const fmt = (n: number) => n.toLocaleString('en-US');

test('reviews the demo store’s tiers, overrides one, exports the log and restores a churned customer', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  const x = expectedReview();
  const counts = { ...x.counts };

  await app.nav('Segments').click();
  await page.getByRole('link', { name: 'Tiers A/B/C' }).click();
  await expect(page.getByText('A review is due: none has run yet.')).toBeVisible();
  await expect(page.getByLabel('Review date')).toHaveValue(x.today);

  const tierTable = page.getByRole('table', { name: 'Customers per tier' });
  const tierRow = (name: string) => tierTable.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  const expectCounts = async () => {
    await expect(tierRow('A')).toContainText(fmt(counts.A));
    await expect(tierRow('B')).toContainText(fmt(counts.B));
    await expect(tierRow('C')).toContainText(fmt(counts.C));
    await expect(tierRow('Churned list')).toContainText(fmt(counts.churned));
  };
  // Each tier with who is in it and what to do (issue 18), from the store's tier rules.
  await expect(tierRow('A')).toContainText(`At least ${defaultTierParams.pointsForA} points, or more than ${defaultTierParams.purchasesForA} purchases in the last ${defaultTierParams.recentDays} days`);
  await expect(tierRow('A')).toContainText('The rep calls in person every week');
  await expect(tierRow('Churned list')).toContainText(`No purchase for ${defaultTierParams.churnAfterDays} days`);
  // Seed 004's benefits beside the counts.
  await expect(page.getByRole('table', { name: 'Benefits per tier' })).toContainText('Gold Diamond card: 20 % off');

  await page.getByRole('button', { name: 'Run review', exact: true }).click();
  const s = x.summary;
  const status = page.getByRole('status').filter({ hasText: `Review of ${x.today} done` });
  await expect(status).toContainText(`${fmt(s.total)} changes`);
  await expect(status).toContainText(`${fmt(s.filed.A + s.filed.B + s.filed.C)} given a tier for the first time (A ${fmt(s.filed.A)}, B ${fmt(s.filed.B)}, C ${fmt(s.filed.C)})`);
  await expect(status).toContainText(`${fmt(s.churned)} moved to the churned list`);
  await expectCounts();
  const logTotal = x.review.log.length;
  await expect(page.getByRole('status').filter({ hasText: `Showing ${fmt(logTotal)} of ${fmt(logTotal)} entries` })).toBeVisible();
  await expect(page.getByText(`Last review: ${x.today}`)).toBeVisible();
  await expect(page.getByText('A review is due')).toBeHidden();

  // The same review again: nothing changes, nothing is logged.
  await page.getByRole('button', { name: 'Run review', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Review of ${x.today} done: nothing changed.` })).toBeVisible();
  await expectCounts();
  await expect(page.getByRole('status').filter({ hasText: `Showing ${fmt(logTotal)} of ${fmt(logTotal)} entries` })).toBeVisible();

  // The manager makes a C customer an A, with a reason.
  const chosen = x.review.state.find((st) => st.tier === 'C' && !st.churned)!;
  const name = x.names.get(chosen.id)!;
  await page.getByLabel('Customer no.').fill(String(chosen.id));
  await page.getByRole('combobox', { name: /^Tier/ }).selectOption('A');
  await page.getByRole('button', { name: 'Set tier' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Give a reason for the change.' })).toBeVisible();
  await page.getByLabel('Reason').fill('总经理指定的特殊客户');
  await page.getByRole('button', { name: 'Set tier' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${name} set to tier A.` })).toBeVisible();
  counts.A++;
  counts.C--;
  await expectCounts();
  await expect(page.getByRole('table', { name: 'Customers with a manager’s tier' })).toContainText('总经理指定的特殊客户');

  // The log: this customer's entries, then only manual ones, exported.
  await page.getByLabel('Customer (no., name or phone)').fill(String(chosen.id));
  const ownEntries = x.review.log.filter((e) => e.customerId === chosen.id).length + 1; // filed (and downgraded) + manual
  await expect(page.getByRole('status').filter({ hasText: `Showing ${ownEntries} of ${fmt(logTotal + 1)} entries` })).toBeVisible();
  await page.getByLabel('Customer (no., name or phone)').fill('');
  await page.getByRole('combobox', { name: /^Rule/ }).selectOption({ label: 'Manual' });
  await page.getByLabel('From', { exact: true }).fill(x.today);
  await page.getByLabel('To', { exact: true }).fill(x.today);
  await expect(page.getByRole('status').filter({ hasText: `Showing 1 of ${fmt(logTotal + 1)} entries` })).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export log as CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('tier-log.csv');
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  // The shop's keys first (phone masked), then the change.
  const person = x.people.get(chosen.id)!;
  const keys = `${person.externalId ?? ''},${person.cardNo ?? ''},${person.phone ? maskPhone(person.phone) : ''},${name},${chosen.id}`;
  expect(csv.slice(1).trim().split('\r\n')).toEqual(['Customer ID,Card no.,Phone,Name,Keqing no.,Date,From tier,To tier,Rule,By,Reason', `${keys},${x.today},C,A,Manual,Hand,总经理指定的特殊客户`]);

  // The override removed: back to C, logged by hand.
  await page.getByRole('button', { name: `Remove override: ${name}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Override removed: ${name} is back to tier C` })).toBeVisible();
  counts.A--;
  counts.C++;
  await expectCounts();
  await expect(page.getByText('No manager overrides.')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `Showing 2 of ${fmt(logTotal + 2)} entries` })).toBeVisible();

  // Restore the first churned customer, after confirming.
  const churned = x.review.state.find((st) => st.churned)!;
  const churnedName = x.names.get(churned.id)!;
  const churnedTable = page.getByRole('table', { name: `Churned list (${fmt(counts.churned)})` });
  const churnedRow = churnedTable.getByRole('row').filter({ has: page.getByRole('cell', { name: String(churned.id), exact: true }) });
  await expect(churnedRow).toContainText(x.today);
  await app.clickAndConfirm(churnedRow.getByRole('button', { name: /^Restore/ }), 'Restore');
  await expect(page.getByRole('status').filter({ hasText: `${churnedName} restored to tier ${churned.tier}.` })).toBeVisible();
  counts.churned--;
  counts[churned.tier]++;
  await expectCounts();
  await page.getByRole('combobox', { name: /^Rule/ }).selectOption({ label: 'Restored' });
  await expect(page.getByRole('status').filter({ hasText: `Showing 1 of ${fmt(logTotal + 3)} entries` })).toBeVisible();

  // The Overview shows the counts per tier.
  await app.nav('Overview').click();
  await expect(page.getByText(`Last review: ${x.today}`)).toBeVisible();
  await expect(app.stat('Customer tiers A')).toContainText(fmt(counts.A));
  await expect(app.stat('Customer tiers B')).toContainText(fmt(counts.B));
  await expect(app.stat('Customer tiers C')).toContainText(fmt(counts.C));
  await expect(app.stat('Customer tiers Churned list')).toContainText(fmt(counts.churned));
});

test('checks the tier rules before saving them', async ({ page }) => {
  const app = new Keqing(page);
  await app.open('segments/tiers');
  await page.getByLabel('Points per yuan').fill('0.5');
  await page.getByLabel('Down one tier after (days without a purchase)').fill('0');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Down one tier after (days without a purchase): 0 is not valid' })).toBeVisible();
  await page.getByLabel('Down one tier after (days without a purchase)').fill('182');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Tier rules saved' })).toBeVisible();
  await expect(page.getByText('the others count amount × 0.5 per yuan')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Points per yuan')).toHaveValue('0.5');
});
