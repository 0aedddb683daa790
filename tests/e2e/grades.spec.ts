import { readFile } from 'node:fs/promises';
import { dayFromLocalDate } from '../../src/lib/dates';
import { demoDefaults, generateDemoStore } from '../../src/lib/demo/generate';
import { defaultGradeCuts, gradeFacts, scoreAll, type GradeCuts } from '../../src/lib/grades';
import { expect, test } from './fixtures';
import { ChartCard } from './pages/chart';
import { Keqing } from './pages/keqing';
import { downloadCsvLines as download } from './pages/download';

/** Grade counts for the demo store under `cuts`, as the pure rule gives them. */
function expectedGrades(cuts: GradeCuts) {
  const demo = generateDemoStore({ ...demoDefaults, endDay: dayFromLocalDate(new Date()) });
  const filed = new Set(demo.customers.map((c) => c.id));
  const facts = gradeFacts([demo.purchases], cuts.premiumUnitPrice);
  const scores = scoreAll(facts, cuts);
  const counts = { high: 0, medium: 0, low: 0 };
  const byId = new Map<number, string>();
  scores.forEach((s, k) => {
    if (!filed.has(facts.ids[k]!)) return;
    counts[s.grade]++;
    byId.set(facts.ids[k]!, s.grade);
  });
  return { ...counts, byId };
}

const fmt = (n: number) => n.toLocaleString('en-US');


test('re-grades the demo store, records each change and filters the customer table by grade', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  await app.open('value/grades');
  await expect(page.getByRole('heading', { name: 'Customer value grades (high / medium / low)' })).toBeVisible();
  await expect(page.getByText('Not graded yet')).toBeVisible();

  const first = expectedGrades(defaultGradeCuts);
  const graded = first.high + first.medium + first.low;
  await page.getByLabel('Graded by').fill('李店长');
  await page.getByRole('button', { name: 'Re-grade now' }).click();
  await expect(page.getByTestId('regrade-outcome')).toHaveText(`Re-graded: ${fmt(graded)} changes (high ${fmt(first.high)}, medium ${fmt(first.medium)}, low ${fmt(first.low)}).`);
  await expect(page.getByTestId('grade-counts')).toHaveText(`High ${fmt(first.high)} · medium ${fmt(first.medium)} · low ${fmt(first.low)}`);
  // Each grade listed with who is in it and what to do (issue 18).
  const gradeRow = (name: string) => page.getByRole('table', { name: 'Value grades' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  await expect(gradeRow('High').getByRole('cell').first()).toHaveText(fmt(first.high));
  await expect(gradeRow('High')).toContainText(`A total of ${defaultGradeCuts.pointsHigh} points or more`);
  await expect(gradeRow('Medium')).toContainText(`At least ${defaultGradeCuts.pointsMid} points, below ${defaultGradeCuts.pointsHigh}`);
  await expect(gradeRow('Low')).toContainText('Keep the cost of service low');

  // Loosen the high order cut: some medium customers move up, and only they are logged.
  await page.getByLabel('High order cut').fill('6');
  await expect(page.getByText('Orders ≥ 6: 2 points; ≥ 3: 1 point')).toBeVisible();
  const second = expectedGrades({ ...defaultGradeCuts, ordersHigh: 6 });
  const moved = [...second.byId].filter(([id, g]) => first.byId.get(id) !== g).length;
  const movedUp = second.high - first.high; // medium → high (a low one gains one point at most)
  expect(movedUp).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Re-grade now' }).click();
  await expect(page.getByTestId('regrade-outcome')).toHaveText(`Re-graded: ${fmt(moved)} changes (high ${fmt(second.high)}, medium ${fmt(second.medium)}, low ${fmt(second.low)}).`);
  const log = page.getByRole('table', { name: 'Grade changes' });
  const upgraded = log.getByRole('row').filter({ hasText: 'Medium' }).filter({ hasText: 'High' }).first();
  await expect(upgraded).toContainText('李店长');

  // The log as CSV: masked phones, each change once, newest first.
  const lines = await download(page, 'Export changes (CSV)');
  expect(lines[0]).toBe('Customer ID,Card no.,Phone,Name,Keqing no.,When,From,To,Points,By');
  expect(lines).toHaveLength(1 + graded + moved);
  const changes = lines.slice(1, 1 + moved);
  expect(changes.filter((l) => /,Medium,High,[45],李店长$/.test(l))).toHaveLength(movedUp);
  expect(changes.filter((l) => /,Low,Medium,[23],李店长$/.test(l))).toHaveLength(moved - movedUp);
  expect(lines.slice(1).some((l) => /,1\d\d\*{4}\d{4},/.test(l))).toBe(true);
  expect(lines.slice(1).some((l) => /,1\d{10},/.test(l))).toBe(false);

  // The changed customer's page shows the grade and its history.
  const name = (await upgraded.getByRole('link').textContent())!;
  await upgraded.getByRole('link').click();
  await expect(page.getByTestId('customer-grade')).toContainText('High (');
  await page.getByText('Grade history').click();
  await expect(page.getByText(/Medium → High \(李店长\)/)).toBeVisible();

  // The customer table filtered by grade.
  await app.open('customers');
  await page.getByLabel('Value grade').selectOption('high');
  await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toContainText(`Showing ${fmt(second.high)} of`);
  await page.getByLabel('Search').fill(name);
  await expect(page.getByRole('link', { name, exact: true }).first()).toBeVisible();
});

test('records campaigns for a segment and evaluates them', async ({ page }) => {
  const app = new Keqing(page);
  // A segment to aim at: the course's group A, by hand only (no rule).
  await app.open('value/needs');
  await page.getByRole('button', { name: 'New segment' }).click();
  await page.getByLabel('Name', { exact: true }).fill('A组');
  await page.getByLabel('Characteristics').fill('35–45岁已婚男性，企业经理人，价格敏感度低');
  await page.getByRole('button', { name: 'Save segment' }).click();
  await expect(page.getByText('Segment saved.')).toBeVisible();
  await page.getByRole('link', { name: 'Campaigns', exact: true }).click();
  const table = page.getByRole('table', { name: 'Campaigns and evaluation' });
  const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });

  // The course's Children's Day event: 30 families, 2 bought, 65 % may buy within 3 months.
  await page.getByRole('button', { name: 'Record the course example (Children’s Day event)' }).click();
  const course = row('Children’s Day family event (course example)');
  await expect(course).toContainText('A组'); // the first segment
  await expect(course).toContainText('6.7%'); // 2 / 30
  await expect(course).toContainText('19.5'); // 30 × 65 %
  await expect(course).toContainText('21.5'); // 2 + 19.5

  // A campaign of our own; first with more buyers than guests.
  await page.getByLabel('Campaign', { exact: true }).fill('会员品鉴会');
  await page.getByLabel('Target segment').selectOption({ label: 'A组' });
  await page.getByLabel('Cost (¥)').fill('2000');
  await page.getByLabel('Invited').fill('100');
  await page.getByLabel('Came').fill('40');
  await page.getByLabel('Bought').fill('41');
  await page.getByLabel('Said they may buy (%)').fill('50');
  await page.getByLabel('Intentions expected to buy (%)').fill('20');
  await page.getByRole('button', { name: 'Save campaign' }).click();
  await expect(page.getByText('More bought than came.')).toBeVisible();
  await page.getByLabel('Bought').fill('4');
  await page.getByRole('button', { name: 'Save campaign' }).click();
  await expect(page.getByText('Campaign saved.')).toBeVisible();
  const own = row('会员品鉴会');
  // 40 / 100 came; 4 / 40 bought; ¥2,000 / 4 = ¥500; 40 × 50 % = 20 intending; 4 + 20 × 20 % = 8; ¥2,000 / 8 = ¥250.
  for (const text of ['40%', '10%', '¥500', '20', '8', '¥250']) await expect(own).toContainText(text);

  const lines = await download(page, 'Export campaigns (CSV)');
  expect(lines[0]).toBe('Date,Campaign,Target segment,Cost (¥),Invited,Came,Bought,Said they may buy (%),Intentions expected to buy (%),Response rate,Conversion rate,Cost per buyer,Intending,Expected buyers,Cost per expected buyer');
  expect(lines).toHaveLength(3);
  expect(lines.some((l) => l.endsWith(',会员品鉴会,A组,2000,100,40,4,50,20,40,10,500,20,8,250'))).toBe(true);
  expect(lines.some((l) => l.includes(',Children’s Day family event (course example),A组,,,30,2,65,100,,6.7,,19.5,21.5,'))).toBe(true);

  // Clerk mode: the records stay readable, but neither bulk export nor deleting.
  await app.open('settings');
  await page.getByLabel('New PIN (4–12 digits, 6 or more advised)').fill('2580');
  await page.getByLabel('Type it again').fill('2580');
  await page.getByRole('button', { name: 'Save PIN' }).click();
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByText('Clerk mode', { exact: true })).toBeVisible();
  await app.open('value/campaigns');
  await expect(row('会员品鉴会')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export campaigns (CSV)' })).toBeDisabled();
  await expect(row('会员品鉴会').getByRole('button', { name: 'Delete 会员品鉴会' })).toBeDisabled();
});

test('creates needs segments by rule and shows their share of business against resources', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  // What the rules pick out, from the same generator: spend ≥ ¥10,000; then 3+ orders among the rest.
  const demo = generateDemoStore({ ...demoDefaults, endDay: dayFromLocalDate(new Date()) });
  const stats = gradeFacts([demo.purchases], defaultGradeCuts.premiumUnitPrice);
  const filed = new Set(demo.customers.map((c) => c.id));
  let total = 0;
  const big = { n: 0, revenue: 0 };
  const regular = { n: 0, revenue: 0 };
  stats.ids.forEach((id, k) => {
    const amount = stats.amount[k]!;
    total += amount;
    if (!filed.has(id)) return;
    const into = amount >= 1_000_000 ? big : stats.orders[k]! >= 3 ? regular : null;
    if (into) {
      into.n++;
      into.revenue += amount;
    }
  });
  const inRule = new Set([...stats.ids].filter((id, k) => stats.amount[k]! >= 1_000_000 || stats.orders[k]! >= 3));
  const outsider = demo.customers.find((c) => !inRule.has(c.id))!;
  const pct = (share: number) => new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(share);

  await app.open('value/needs');
  const addSegment = async (name: string, field: string, value: string, gifts: string, hours: string) => {
    await page.getByRole('button', { name: 'New segment' }).click();
    const form = page.getByRole('form', { name: 'Segment' });
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form.getByLabel('Need type').selectOption({ label: 'Heavy user' });
    await form.getByLabel('Staff time (hours)').fill(hours);
    await form.getByLabel('Gifts (¥)').fill(gifts);
    await form.getByRole('button', { name: 'Add condition' }).click();
    const cond = form.getByRole('group', { name: 'Rule 1' });
    await cond.getByLabel('Field').selectOption({ label: field });
    await cond.getByLabel('Operator').selectOption({ label: '≥' });
    await cond.getByLabel('Value', { exact: true }).fill(value);
    await form.getByRole('button', { name: 'Save segment' }).click();
    await expect(form).toBeHidden();
  };
  await addSegment('大用户', 'Amount spent (¥)', '10000', '500', '10'); // resources ¥500 + 10 h × ¥30 = ¥800
  await addSegment('常客', 'Orders', '3', '1200', '0'); // ¥1,200: resources ¥800 vs ¥1,200 → 40 % / 60 %

  const table = page.getByRole('table', { name: 'Needs-based segments' });
  const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  await expect(row('大用户')).toContainText(fmt(big.n));
  await expect(row('大用户')).toContainText(pct(big.revenue / total));
  await expect(row('大用户')).toContainText('40%');
  await expect(row('常客')).toContainText(fmt(regular.n));
  await expect(row('常客')).toContainText(pct(regular.revenue / total));
  await expect(row('常客')).toContainText('60%');
  await expect(page.getByTestId('portfolio-advice')).not.toBeEmpty();

  // By hand: one more customer joins 常客, whatever the rule says.
  await row('常客').getByRole('button', { name: 'Edit 常客' }).click();
  const form = page.getByRole('form', { name: 'Segment' });
  await form.getByLabel('Customer (name, card no. or id)').fill('no-such-customer');
  await form.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(form.getByRole('alert')).toHaveText('No such customer.');
  await form.getByLabel('Customer (name, card no. or id)').fill(String(outsider.id));
  await form.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(form.getByRole('button', { name: `Remove ${outsider.name}` })).toBeVisible();
  await form.getByRole('button', { name: 'Save segment' }).click();
  await expect(form).toBeHidden();
  await expect(row('常客').getByRole('cell').nth(3)).toHaveText(fmt(regular.n + 1));

  // The chart's table alternative carries the same shares.
  const chart = await new ChartCard(page, 'Share of business vs share of resources').ready();
  await chart.table();
  const alt = chart.figure.getByRole('table', { name: 'Share of business vs share of resources' });
  await expect(alt.getByRole('row').filter({ hasText: '大用户' })).toContainText(pct(big.revenue / total));

  const png = await chart.downloadPng();
  const image = await readFile(await png.path());
  expect(image.subarray(1, 4).toString('latin1')).toBe('PNG');

  const lines = await download(page, 'Export segments (CSV)');
  expect(lines[0]!.startsWith('Segment,Need type,Priority,Profitability,Customers,Revenue (¥),Share of business (%),')).toBe(true);
  expect(lines).toHaveLength(3);
  expect(lines[1]!.startsWith(`大用户,Heavy user,1,Medium,${big.n},${big.revenue / 100},${Math.round((big.revenue / total) * 1000) / 10},800,40,`)).toBe(true);
});

test('the demo store carries the course’s Children’s Day campaign, evaluated', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  await app.open('value/campaigns');
  const table = page.getByRole('table', { name: 'Campaigns and evaluation' });
  const course = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '六一家庭活动（课程示例）', exact: true }) });
  await expect(course).toContainText('6.7%'); // 2 of 30 families bought
  await expect(course).toContainText('21.5'); // 2 + 30 × 65 %
});
