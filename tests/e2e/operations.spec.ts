import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { defaultCareRules, parseIcsEvents, weekTasks } from '../../src/lib/care';
import { lunarCalendar } from '../../src/lib/care/lunar';
import { customerStats, lastPurchasePairs } from '../../src/lib/customers/stats';
import { defaultDormancyParams, dormancyWarnings } from '../../src/lib/dormancy';
import { dayFromIso, dayFromLocalDate, isoFromDay } from '../../src/lib/dates';
import { formatMoney } from '../../src/lib/format';
import { demoDefaults, generateDemoStore } from '../../src/lib/demo/generate';
import { grossMargins } from '../../src/lib/products/analysis';
import { salesByItem } from '../../src/lib/products/sales';
import { maskPhone } from '../../src/lib/import/values/phone';
import { expect, test } from './fixtures';
import { downloadCsvLines } from './pages/download';
import { Keqing } from './pages/keqing';
import { expectedDemo } from './expected-demo';

const demo = () => generateDemoStore({ ...demoDefaults, endDay: dayFromLocalDate(new Date()) });

test('care calendar: a week’s tasks, marked done, exported as .ics and CSV, with the gift sheet', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  // A fixed week, so the expected tasks do not depend on the day the test runs. No tier review
  // in the demo store: everyone is untiered (card 4 days before, phone on the day).
  const weekStart = dayFromIso('2026-11-23')!;
  // Customers about to go dormant or lost that week get a call too (the default day rules).
  const store = demo();
  const stats = customerStats([store.purchases]);
  const dormancy = dormancyWarnings(lastPurchasePairs(stats), weekStart, weekStart + 6, defaultDormancyParams);
  const expected = weekTasks({ weekStart, customers: store.customers, tierOf: () => 'none', rules: defaultCareRules, storeOccasions: [], lunar: lunarCalendar, dormancy });
  expect(expected.length).toBeGreaterThan(10);

  await app.open('operations/care/2026-11-23');
  await expect(page.getByRole('heading', { name: 'Care tasks for the week 2026-11-23 to 2026-11-29' })).toBeVisible();
  await expect(page.getByText('No tier review yet')).toBeVisible();
  const table = page.getByRole('table', { name: 'Care tasks this week' });
  await expect(table.locator('tbody tr')).toHaveCount(expected.length);
  await expect(page.getByTestId('care-task-count')).toHaveText(String(expected.length));

  // Give untiered customers a ¥30 birthday gift in the rules: the birthday calls now carry it.
  await page.getByText('Care rules').click();
  await page.getByRole('checkbox', { name: 'Untiered · Birthday gift', exact: true }).check();
  await page.getByRole('textbox', { name: 'Untiered · Birthday gift · Gift description' }).fill('生日蛋糕券');
  await page.getByRole('spinbutton', { name: 'Untiered · Birthday gift · Budget (¥)' }).fill('30');
  await page.getByRole('button', { name: 'Save rules' }).click();
  await expect(page.getByText('Rules saved.')).toBeVisible();
  const calls = expected.filter((x) => x.channel === 'call' && x.reason === 'occasion');
  expect(calls.length).toBeGreaterThan(0);
  await expect(table.getByRole('row').filter({ hasText: '生日蛋糕券' })).toHaveCount(calls.length);

  // Mark the first task done, by name.
  const firstRow = table.locator('tbody tr').first();
  await expect(firstRow.getByRole('checkbox')).toBeDisabled(); // a name first
  await page.getByLabel('Done by').fill('李店长');
  await firstRow.getByRole('checkbox').check();
  await expect(firstRow).toContainText('李店长');

  // The .ics: one event per task, all in the week; calls 15:00–16:00, the rest all-day.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export calendar (.ics)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('care-tasks-2026-11-23.ics');
  const ics = await readFile(await download.path(), 'utf8');
  expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  const events = parseIcsEvents(ics);
  expect(events).toHaveLength(expected.length);
  const timed = events.filter((e) => e.DTSTART?.includes('T'));
  expect(timed).toHaveLength(expected.filter((x) => x.channel === 'call').length); // birthday and win-back calls
  expect(timed.every((e) => /^202611(2[3-9])T150000$/.test(e.DTSTART!) && e.DTEND!.endsWith('T160000'))).toBe(true);
  expect(events.filter((e) => e['DTSTART;VALUE=DATE']).every((e) => /^202611(2[3-9])$/.test(e['DTSTART;VALUE=DATE']!))).toBe(true);
  const firstName = (await firstRow.getByRole('rowheader').textContent())!.trim();
  expect(events.some((e) => e.SUMMARY!.includes(firstName))).toBe(true);
  expect(events.filter((e) => e.DESCRIPTION?.includes('Gift: 生日蛋糕券'))).toHaveLength(calls.length);

  // The CSV leads with the shop's keys (phones masked) and names who did the first task.
  const csv = await downloadCsvLines(page, 'Export tasks as CSV');
  expect(csv[0]).toBe('Customer ID,Card no.,Phone,Name,Keqing no.,Date,How,Tier,Occasion,Why,Gift,Gift budget (¥),Birthday-month benefit,Done by,Done at');
  expect(csv).toHaveLength(expected.length + 1);
  expect(csv.filter((l) => l.includes(',李店长,'))).toHaveLength(1);
  const rows = Papa.parse<string[]>(csv.join('\r\n'), { skipEmptyLines: true }).data.slice(1);
  const call = calls.find((x) => store.customers.find((c) => c.id === x.customerId)?.phone)!;
  const called = store.customers.find((c) => c.id === call.customerId)!;
  const calledRow = rows.find((r) => r[4] === String(called.id) && r[5] === isoFromDay(call.day) && r[6] === 'Phone');
  expect(calledRow?.slice(0, 4)).toEqual([called.externalId ?? '', called.cardNo ?? '', maskPhone(called.phone!), called.name.trim()]);
  expect(csv.join('\n')).not.toMatch(/(^|[^\d*])1[3-9]\d{9}([^\d]|$)/m); // no whole mobile number

  // Spring Festival 2027 falls on Sat 6 Feb (lunar new year): every card goes out on Tue 2 Feb.
  await app.open('operations/care/2027-02-01');
  const springWeek = dayFromIso('2027-02-01')!;
  const springDormancy = dormancyWarnings(lastPurchasePairs(stats), springWeek, springWeek + 6, defaultDormancyParams);
  const spring = weekTasks({ weekStart: springWeek, customers: store.customers, tierOf: () => 'none', rules: defaultCareRules, storeOccasions: [], lunar: lunarCalendar, dormancy: springDormancy });
  const springCards = spring.filter((x) => x.channel === 'card' && x.occasion?.kind === 'springFestival');
  expect(springCards.every((x) => x.day === dayFromIso('2027-02-02'))).toBe(true);
  await expect(page.getByTestId('care-task-count')).toHaveText(spring.length.toLocaleString('en-US'));
  await page.getByRole('combobox', { name: 'Day', exact: true }).selectOption('2027-02-02');
  await page.getByRole('combobox', { name: 'How', exact: true }).selectOption({ label: 'Mail card' });
  const cardsThatDay = spring.filter((x) => x.channel === 'card' && x.day === dayFromIso('2027-02-02'));
  await expect(page.getByText(`${cardsThatDay.length.toLocaleString('en-US')} after filtering`)).toBeVisible();
  await expect(table.locator('tbody tr')).toHaveCount(Math.min(200, cardsThatDay.length));
  await expect(table.getByRole('row').filter({ hasText: 'Card for Spring Festival (2027-02-06)' }).first()).toBeVisible();
  await app.open('operations/care/2026-11-23');

  // The gift sheet lists the birthday gifts with signature columns, ready to print.
  await page.getByRole('link', { name: 'Gift plan and execution sheet (printable)' }).click();
  const sheet = page.getByRole('table', { name: 'Gift plan and execution sheet' });
  await expect(sheet.getByRole('columnheader', { name: 'Customer signature' })).toBeVisible();
  await expect(sheet.locator('tbody tr')).toHaveCount(calls.length);
  await expect(sheet.locator('tfoot')).toContainText(formatMoney(3_000 * calls.length, 'en'));
});

test('complaints: the customer is found by card no. or name as it is typed, and the complaint is linked to the file', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  const { complaints: given, store } = expectedDemo();
  const who = store.customers.find((c) => c.cardNo && c.name)!;
  await app.open('operations/complaints/new');
  const field = page.getByLabel('Customer', { exact: true });
  const options = page.locator('#complaint-customers option');
  await expect(options).toHaveCount(0); // nothing is loaded before anything is typed
  await field.fill(who.cardNo!);
  await expect(options).toHaveCount(1);
  const label = await options.first().getAttribute('value');
  expect(label).toBe(`${who.name} · #${who.id} · ${who.cardNo}`);
  // Typing part of the name offers that customer among at most 20.
  await field.fill(who.name);
  await expect(page.locator(`#complaint-customers option[value="${label}"]`)).toHaveCount(1);
  expect(await options.count()).toBeLessThanOrEqual(20);
  await field.fill(label!);
  await page.getByLabel('Description').fill('尺码不对');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: `Complaint #${given.count + 1}` })).toBeVisible();
  await expect(field).toHaveValue(`${who.name} · #${who.id}`); // stored with the file's number
});

test('complaints: logged, taken through the five steps, open on the Overview until recorded', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  // The demo store comes with complaints of its own (lib/demo/classroom): the new one is numbered after them.
  const { complaints: given } = expectedDemo();
  const id = given.count + 1;
  await app.open('operations/complaints');
  await expect(page.getByRole('table', { name: 'Complaints log' }).locator('tbody tr')).toHaveCount(given.count);
  await page.getByRole('link', { name: 'Log a complaint' }).click();
  await page.getByLabel('Customer', { exact: true }).fill('王芳');
  await page.getByLabel('Type').selectOption({ label: 'Shipping and delivery' });
  await page.getByLabel('Description').fill('送货晚了三天，未提前通知');
  await page.getByRole('button', { name: 'Done today: Encouraged and received' }).click();
  await page.getByLabel('Encouraged and received · Owner').fill('李店长');
  // Skipping a step is refused.
  await page.getByLabel('Settled · Date').fill('2026-11-23');
  await page.getByLabel('Settled · Owner').fill('李店长');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert')).toContainText('"Settled" cannot come before the step before it, nor skip a step.');
  await page.getByLabel('Settled · Date').fill('');
  await page.getByLabel('Settled · Owner').fill('');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: `Complaint #${id}` })).toBeVisible();

  await app.nav('Overview').click();
  await expect(app.stat('Open complaints')).toContainText(String(given.open + 1));
  await expect(app.stat('Oldest open complaint')).toContainText(`${given.oldestDays} days`);

  await app.open(`operations/complaints/${id}`);
  for (const step of ['Facts established', 'Remedy offered', 'Settled']) await page.getByRole('button', { name: `Done today: ${step}` }).click();
  await page.getByLabel('Responsibility').selectOption({ label: 'Carrier' });
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await app.nav('Overview').click();
  await expect(app.stat('Open complaints')).toContainText(String(given.open + 1)); // not yet recorded

  await app.open(`operations/complaints/${id}`);
  await page.getByRole('button', { name: 'Done today: Recorded' }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await app.nav('Overview').click();
  await expect(app.stat('Open complaints')).toContainText(String(given.open));

  await app.open('operations/complaints');
  const log = page.getByRole('table', { name: 'Complaints log' });
  const mine = log.getByRole('row').filter({ has: page.getByRole('link', { name: `#${id}`, exact: true }) });
  await expect(mine).toContainText('王芳');
  await expect(mine).toContainText('Closed');
  // The total column: the demo's complaints and this one.
  await expect(page.getByRole('table', { name: 'By type' }).locator('tbody td').last()).toHaveText(String(given.count + 1));
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export complaints as CSV' }).click();
  const csv = (await readFile(await (await downloading).path(), 'utf8')).slice(1).trim().split('\r\n');
  expect(csv).toHaveLength(given.count + 2);
  const line = csv.find((l) => l.startsWith(`${id},`))!;
  expect(line).toContain('王芳');
  expect(line).toContain('Shipping and delivery');
  expect(line).toContain(',Carrier,Closed,');
});

test('products: gross margin by product, sorted by gross profit, and exported', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  const d = demo();
  const margins = grossMargins(salesByItem([d.purchases], -1e9, 1e9).items, d.products);

  await app.open('operations/products');
  const table = page.getByRole('table', { name: 'Gross margin by product', exact: true });
  await expect(table.locator('tbody tr')).toHaveCount(margins.length);
  const first = margins[0]!;
  const firstRow = table.locator('tbody tr').first();
  await expect(firstRow.getByRole('cell').nth(1)).toHaveText(first.code);
  await expect(firstRow.getByRole('rowheader')).toHaveText(first.name);
  await expect(firstRow.getByRole('cell').nth(5)).toHaveText(formatMoney(first.grossProfit!, 'en'));

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export margins as CSV' }).click();
  const csv = (await readFile(await (await downloading).path(), 'utf8')).slice(1).trim().split('\r\n');
  expect(csv[0]).toBe('Rank,Item no.,Name,Units,Sales,Cost of sales,Gross profit,Margin');
  expect(csv).toHaveLength(margins.length + 1);
  expect(csv[1]).toBe(`1,${first.code},${first.name},${first.quantity},${first.amount / 100},${first.costOfSales! / 100},${first.grossProfit! / 100},${Math.round(first.margin! * 10_000) / 10_000}`);
  const profits = csv.slice(1).map((l) => Number(l.split(',')[6]));
  expect(profits).toEqual([...profits].sort((a, b) => b - a));

  // Stock for turnover from a product file (Chinese headers): (10 + 6) ÷ 2 = 8 units on average.
  // Through the record importer's preview (tests/e2e/funnel-import.spec.ts reads it in full).
  await page.getByLabel('Import a product file: Choose a CSV file or .xlsx workbook').setInputFiles({ name: '库存.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF货号,期初库存,期末库存\r\n${first.code},10,6\r\n,1,1\r\n`) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const imported = page.getByRole('table', { name: 'Import a product file: Import result' });
  const count = (label: string) => imported.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) }).getByRole('cell');
  await expect(count('Added')).toHaveText('0');
  await expect(count('Updated')).toHaveText('1');
  await expect(count('Failed rows')).toHaveText('1');
  await page.getByText('Product file (cost, stock, targets)').click();
  const turnover = page.getByRole('table', { name: 'Turnover', exact: true });
  const row = turnover.getByRole('row').filter({ has: page.getByRole('rowheader', { name: first.name, exact: true }) });
  const fmt = (n: number) => new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(n);
  await expect(row.getByRole('cell').nth(4)).toHaveText('8');
  await expect(row.getByRole('cell').nth(5)).toHaveText(fmt(first.quantity / 8));
  // Then by hand: closing stock 2 → (10 + 2) ÷ 2 = 6.
  await page.getByLabel(`${first.code} · Closing stock (units)`).fill('2');
  await page.getByLabel(`${first.code} · Closing stock (units)`).press('Tab');
  await expect(row.getByRole('cell').nth(4)).toHaveText('6');
  await expect(row.getByRole('cell').nth(5)).toHaveText(fmt(first.quantity / 6));
});
