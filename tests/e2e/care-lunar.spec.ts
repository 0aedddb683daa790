import { readFile } from 'node:fs/promises';
import { defaultCareRules, parseIcsEvents } from '../../src/lib/care';
import { lunarDayIn } from '../../src/lib/care/lunar';
import { dayFromLocalDate, ymdFromDay } from '../../src/lib/dates';
import { demoDefaults, generateDemoStore } from '../../src/lib/demo/generate';
import { defaultTierParams, reviewFromLines } from '../../src/lib/tiers';
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';

test('a 农历 birthday lands on its solar date in the care calendar, with the tier’s birthday-month benefit, and 中秋 has its week', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  // An A customer after the first tier review (as tiers.spec computes it).
  const today = dayFromLocalDate(new Date());
  const demo = generateDemoStore({ ...demoDefaults, endDay: today });
  const review = reviewFromLines([demo.purchases], [], today, defaultTierParams);
  // The lowest id, so their rows are on the first page of a filtered day (tasks go by customer within a day).
  const chosen = review.state.filter((s) => s.tier === 'A' && !s.churned).sort((a, b) => a.id - b.id)[0]!;
  const customer = demo.customers.find((c) => c.id === chosen.id)!;
  await app.open('segments/tiers');
  await page.getByRole('button', { name: 'Run review', exact: true }).click();
  await expect(page.getByText('Last review:')).toBeVisible();

  // The customer's birthday is 农历 八月十五 (中秋): 25 Sep 2026.
  await app.open(`customers/${customer.id}`);
  await page.getByLabel('Birthday', { exact: true }).fill('');
  await page.getByLabel('Lunar calendar (农历)').check();
  await page.getByLabel('Birthday', { exact: true }).fill('1990-08-15');
  await expect(page.getByLabel('Leap month (闰月)')).not.toBeChecked();
  const year = ymdFromDay(today).year;
  const next = [year - 1, year, year + 1].map((y) => lunarDayIn(y, 8, 15)).find((d) => d !== null && d >= today)!;
  const nextText = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(next * 86_400_000));
  await expect(page.getByTestId('lunar-birthday')).toHaveText(`Lunar 8/15 (next: ${nextText})`);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Lunar calendar (农历)')).toBeChecked();
  await expect(page.getByLabel('Birthday', { exact: true })).toHaveValue('1990-08-15');

  // The week of 21 Sep 2026: the card on Mon 21 Sep (4 days before), the call on Fri 25 Sep, with A's benefit.
  await app.open('operations/care/2026-09-21');
  const table = page.getByRole('table', { name: 'Care tasks this week' });
  const benefit = defaultCareRules.tiers.A.birthdayBenefit!.en;
  await expect(page.getByTestId('care-task-count')).toBeVisible();
  const theirs = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: customer.name.trim() }) }).filter({ hasText: 'Lunar birthday' });
  // 中秋 week: thousands of tasks; the user filters to a day and a way of contact.
  await page.getByRole('combobox', { name: 'Day', exact: true }).selectOption('2026-09-21');
  await page.getByRole('combobox', { name: 'How', exact: true }).selectOption({ label: 'Mail card' });
  await expect(theirs).toHaveCount(1);
  await expect(theirs).toContainText('Card for Lunar birthday (2026-09-25)');
  await expect(theirs).toContainText(`Birthday-month benefit：${benefit}`);
  await page.getByRole('combobox', { name: 'Day', exact: true }).selectOption('2026-09-25');
  await page.getByRole('combobox', { name: 'How', exact: true }).selectOption({ label: 'Phone' });
  await expect(theirs).toHaveCount(1);
  await expect(theirs).toContainText('Lunar birthday: phone 15:00–16:00 to greet');
  await expect(theirs).toContainText(`Birthday-month benefit：${benefit}`);
  // 中秋 is the same day: every filed customer's card for it goes out on Monday.
  await page.getByRole('combobox', { name: 'Day', exact: true }).selectOption('2026-09-21');
  await page.getByRole('combobox', { name: 'How', exact: true }).selectOption({ label: 'Mail card' });
  await expect(table.getByRole('row').filter({ hasText: 'Card for Mid-Autumn Festival (2026-09-25)' }).first()).toBeVisible();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export calendar (.ics)' }).click();
  const events = parseIcsEvents(await readFile(await (await downloading).path(), 'utf8'));
  const call = events.filter((e) => e.SUMMARY!.includes(customer.name.trim()) && e.SUMMARY!.includes('Lunar birthday'));
  expect(call.map((e) => e.DTSTART ?? e['DTSTART;VALUE=DATE'])).toEqual(['20260921', '20260925T150000']);
  expect(call[1]!.DESCRIPTION).toContain(`Birthday-month benefit: ${benefit}`);
  expect(events.some((e) => e.SUMMARY!.includes('Mid-Autumn Festival') && e['DTSTART;VALUE=DATE'] === '20260921')).toBe(true);

  // The gift sheet carries the benefit beside the gift.
  await page.getByRole('link', { name: 'Gift plan and execution sheet (printable)' }).click();
  const sheet = page.getByRole('table', { name: 'Gift plan and execution sheet' });
  await expect(sheet.getByRole('row').filter({ hasText: customer.name.trim() }).filter({ hasText: 'Lunar birthday 09-25' })).toContainText(benefit);

  // The benefit is editable per tier; the saved text is what the week shows.
  await app.open('operations/care/2026-09-21');
  await page.getByText('Care rules').click();
  await page.getByRole('textbox', { name: 'A · Birthday-month benefit · Benefit' }).fill('生日月三倍积分');
  await page.getByRole('button', { name: 'Save rules' }).click();
  await expect(page.getByText('Rules saved.')).toBeVisible();
  await page.getByRole('combobox', { name: 'Day', exact: true }).selectOption('2026-09-25');
  await page.getByRole('combobox', { name: 'How', exact: true }).selectOption({ label: 'Phone' });
  await expect(theirs).toContainText('Birthday-month benefit：生日月三倍积分');
});
