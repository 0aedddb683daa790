import { readFile, writeFile } from 'node:fs/promises';
import { dayFromLocalDate } from '../../src/lib/dates';
import { defaultDormancyParams, dormancyOf } from '../../src/lib/dormancy';
import { customerStats, lastPurchaseDays, lastPurchaseOf, statsIndex } from '../../src/lib/customers/stats';
import { formatMoney } from '../../src/lib/format';
import { expectedDemo } from './expected-demo';
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';

const money = (fen: number) => formatMoney(fen, 'en-US');

/** Demo customers whose phone no one else has (the demo plants duplicates), with their last purchase day. */
function demoMembers() {
  const demo = expectedDemo().store;
  const stats = customerStats([demo.purchases]);
  const count = new Map<string, number>();
  for (const c of demo.customers) if (c.phone) count.set(c.phone, (count.get(c.phone) ?? 0) + 1);
  return demo.customers
    .filter((c) => c.phone && count.get(c.phone) === 1)
    .map((c) => {
      const i = statsIndex(stats, c.id);
      return { ...c, phone: c.phone!, lastDay: lastPurchaseOf(stats, i) }; // a return is no purchase (lib/metrics)
    });
}

test('points and stored value are ledgers: the balances shown are the sums of the entries', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  const member = demoMembers()[0]!;
  await app.open(`customers/${member.id}`);
  const ledger = page.getByRole('form', { name: 'Add entry' });
  const add = async (o: { ledger: string; type: string; amount: string; bonus?: string; order?: string }) => {
    await ledger.getByLabel('Ledger').selectOption({ label: o.ledger });
    await ledger.getByLabel('Type').selectOption({ label: o.type });
    await ledger.getByLabel(/^(Points|Principal \(¥\)|Amount \(¥\))$/).fill(o.amount);
    if (o.bonus !== undefined) await ledger.getByLabel('Bonus (¥)').fill(o.bonus);
    await ledger.getByLabel('Order no.').fill(o.order ?? '');
    await ledger.getByLabel('Entered by').fill('Li');
    await ledger.getByRole('button', { name: 'Add entry' }).click();
  };

  await add({ ledger: 'Points', type: 'Earn / top up', amount: '120', order: 'S1' });
  await expect(app.stat('Points balance')).toContainText('120');
  await add({ ledger: 'Points', type: 'Redeem / spend', amount: '20' });
  await expect(app.stat('Points balance')).toContainText('100'); // 120 − 20
  // More than the balance is refused and changes nothing.
  await add({ ledger: 'Points', type: 'Redeem / spend', amount: '101' });
  await expect(page.getByRole('alert').filter({ hasText: 'Not enough' })).toContainText('Not enough balance: 100 held, 101 needed.');
  await expect(app.stat('Points balance')).toContainText('100');

  // 充 ¥1,000 送 ¥200, spend ¥1,100: ¥1,000 principal first, then ¥100 of the bonus.
  await add({ ledger: 'Stored value', type: 'Earn / top up', amount: '1000', bonus: '200', order: 'T1' });
  await expect(app.stat('Stored value')).toContainText(money(120_000));
  await add({ ledger: 'Stored value', type: 'Redeem / spend', amount: '1100', order: 'S2' });
  await expect(app.stat('Stored value')).toContainText(money(10_000));
  await expect(app.stat('Principal')).toContainText(money(0));
  await expect(app.stat('Bonus')).toContainText(money(10_000));

  // Each entry carries its balance after; the newest is on top.
  const stored = page.getByRole('table', { name: 'Stored value entries' });
  await expect(stored.getByRole('row')).toHaveCount(3);
  await expect(stored.getByRole('row').nth(1)).toContainText(money(-110_000));
  await expect(stored.getByRole('row').nth(1)).toContainText(money(10_000));
  await expect(page.getByRole('table', { name: 'Points entries' }).getByRole('row')).toHaveCount(3);

  // Still there after a reload: read back from the ledger.
  await page.reload();
  await expect(app.stat('Points balance')).toContainText('100');
  await expect(app.stat('Stored value')).toContainText(money(10_000));
});

test('opening balances are imported by phone, once', async ({ page }, testInfo) => {
  const app = new Keqing(page);
  await app.loadDemo();
  const [a, b] = demoMembers().slice(1, 3);
  const file = testInfo.outputPath('opening.csv');
  // Phones written as shops write them; one unknown phone; one damaged by Excel.
  const spaced = `${a!.phone.slice(0, 3)} ${a!.phone.slice(3, 7)} ${a!.phone.slice(7)}`;
  await writeFile(file, ['手机号,积分,本金,赠送金', `${spaced},350,"1,000.50",200`, `+86${b!.phone},40,,`, '13000000001,5,0,0', '1.38001E+10,5,0,0'].join('\r\n'));
  await app.open('customers/members');
  // The template: Chinese headers under a 填写说明 line.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the opening balances template' }).click();
  const template = await readFile((await (await downloading).path())!, 'utf8');
  expect(template.split('\r\n')[1]).toBe('手机号,积分,本金（元）,赠送金（元）');
  await page.getByLabel('Choose an opening balances file').setInputFiles(file);
  await expect(page.getByRole('status').filter({ hasText: 'rows:' })).toContainText('4 rows: 2 members matched, 3 entries added; 1 not found, 0 shared phones, 0 skipped (already had entries), 1 with errors.');
  await expect(page.getByRole('table', { name: 'Rows with errors' })).toContainText('1.38001E+10');
  await expect(page.getByRole('table', { name: 'Phones not found' })).toContainText('130****0001');

  // Importing the same file again adds nothing.
  await page.getByLabel('Choose an opening balances file').setInputFiles(file);
  await expect(page.getByRole('status').filter({ hasText: 'rows:' })).toContainText('0 entries added');

  await app.open(`customers/${a!.id}`);
  await expect(app.stat('Points balance')).toContainText('350');
  await expect(app.stat('Stored value')).toContainText(money(120_050)); // ¥1,000.50 + ¥200
  await expect(app.stat('Bonus')).toContainText(money(20_000));
  await expect(page.getByRole('table', { name: 'Points entries' })).toContainText('Opening balance');
  await app.open(`customers/${b!.id}`);
  await expect(app.stat('Points balance')).toContainText('40');
});

test('a dormant customer shows on their page and in the table filter, and the Overview counts them', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  const today = dayFromLocalDate(new Date());
  const members = demoMembers();
  const dormant = members.find((m) => dormancyOf(m.lastDay, today, defaultDormancyParams) === 'dormant')!;
  const active = members.find((m) => dormancyOf(m.lastDay, today, defaultDormancyParams) === 'active')!;
  expect(dormant && active).toBeTruthy();

  await app.open(`customers/${dormant.id}`);
  await expect(page.getByRole('group', { name: 'Dormant and lost' })).toContainText(`Dormant · ${today - dormant.lastDay!} days since the last purchase.`);

  await app.open('customers');
  const table = page.getByRole('table', { name: 'Customer file' });
  await page.getByLabel('Dormant / lost').selectOption({ label: 'Dormant (incl. lost soon)' });
  await page.getByLabel('Search').fill(dormant.phone);
  await expect(table.getByRole('link', { name: dormant.name })).toBeVisible();
  await page.getByLabel('Search').fill(active.phone);
  await expect(page.getByRole('status').filter({ hasText: /^Showing 0 of/ })).toBeVisible();
  await page.getByLabel('Dormant / lost').selectOption({ label: 'Any' });
  await expect(table.getByRole('link', { name: active.name })).toBeVisible();

  // The Overview counts by the same rules.
  const stats = customerStats([expectedDemo().store.purchases]);
  const dormantCount = lastPurchaseDays(stats).filter((d) => dormancyOf(d, today, defaultDormancyParams) === 'dormant').length;
  await app.open('overview');
  await expect(app.stat('Dormant and lost Dormant')).toContainText(dormantCount.toLocaleString('en-US'));
});

test('a leaving rep’s customers are handed to a colleague in one step, with a log', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  await app.open('time/setup');
  for (const name of ['Li Lei', 'Wang Fang']) {
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Add rep' }).click();
    await expect(page.getByLabel(`Name: ${name}`)).toBeVisible();
  }
  const [a, b] = demoMembers().slice(3, 5);
  for (const m of [a!, b!]) {
    await app.open(`customers/${m.id}`);
    await page.getByLabel('Sales rep (owner)').selectOption({ label: 'Li Lei' });
    await expect(page.getByLabel('Sales rep (owner)')).toHaveValue(/.+/);
  }

  await app.open('customers/members');
  const form = page.getByRole('form', { name: 'Hand over customers' });
  await form.getByLabel('Rep handing over').selectOption({ label: 'Li Lei (2 customers)' });
  await form.getByLabel('Rep taking over').selectOption({ label: 'Wang Fang' });
  await form.getByLabel('Entered by').fill('Manager Zhao');
  await form.getByLabel('Note').fill('left the shop');
  await form.getByRole('button', { name: 'Hand over 2 customers' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'moved' })).toHaveText('2 customers moved from Li Lei to Wang Fang.');
  const log = page.getByRole('table', { name: 'Handover log' });
  await expect(log.getByRole('row').nth(1)).toContainText('Li Lei');
  await expect(log.getByRole('row').nth(1)).toContainText('Wang Fang');
  await expect(log.getByRole('row').nth(1)).toContainText('Manager Zhao');
  await expect(log.getByRole('row').nth(1)).toContainText('left the shop');
  await expect(form.getByLabel('Rep handing over').locator('option', { hasText: 'Wang Fang (2 customers)' })).toHaveCount(1);

  await app.open(`customers/${b!.id}`);
  await expect(page.getByLabel('Sales rep (owner)').locator('option:checked')).toHaveText('Wang Fang');
});

test('growth-value levels: enable, review up to today, adjust by hand with lock, read and export the level change report', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  await app.open('segments/growth');
  const settings = page.getByRole('form', { name: 'Growth rules' });
  await settings.getByLabel('Use growth-value levels').check();
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Growth rules saved.' })).toBeVisible();
  await page.getByRole('button', { name: 'Review up to today' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Review done' })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText(/^Last review: /)).toBeVisible();

  const member = demoMembers()[5]!;
  const adjust = page.getByRole('form', { name: 'Adjust a level by hand' });
  await adjust.getByLabel('Phone').fill(member.phone);
  await adjust.getByLabel('Level').selectOption({ label: '钻石卡' });
  await adjust.getByLabel('Reason').fill('VIP');
  await adjust.getByRole('button', { name: 'Adjust a level by hand' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'adjusted' })).toHaveText(`Level of ${member.name} adjusted.`);
  const recent = page.getByRole('table', { name: /^Latest level changes/ });
  await expect(recent.getByRole('row').nth(1)).toContainText(member.name);
  await expect(recent.getByRole('row').nth(1)).toContainText('钻石卡');
  await expect(recent.getByRole('row').nth(1)).toContainText('manual');
  await expect(recent.getByRole('row').nth(1)).toContainText('VIP');

  // The report over all history: nobody before the period; every change counted; closing = members per level.
  await page.getByLabel('Period from').fill('2000-01-01');
  const report = page.getByRole('table', { name: 'Level change report' });
  const diamond = report.getByRole('row').filter({ hasText: '钻石卡' });
  await expect(diamond.getByRole('cell').nth(2)).toHaveText('1'); // up (manual): the adjustment
  const closing = await diamond.getByRole('cell').last().textContent();
  await expect(app.stat('Members per level 钻石卡').locator('.value')).toHaveText(closing!);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export report as CSV' }).click();
  const text = await readFile((await (await downloading).path())!, 'utf8');
  expect(text.startsWith('\uFEFFLevel,Opening,Up (automatic),Up (manual),Down (automatic),Down (manual),Moved out,Closing')).toBe(true);
  expect(text).toContain(`钻石卡,0,`);

  // The customer page shows the level, locked.
  await app.open(`customers/${member.id}`);
  await expect(page.getByRole('group', { name: 'Growth-value levels' })).toContainText('钻石卡');
  await expect(page.getByRole('group', { name: 'Growth-value levels' })).toContainText('locked');
});

test('clerk mode hides balances, offers no adjustment and no bulk import or handover', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  const member = demoMembers()[6]!;
  await app.open(`customers/${member.id}`);
  const ledger = page.getByRole('form', { name: 'Add entry' });
  await ledger.getByRole('textbox', { name: 'Points' }).fill('30');
  await ledger.getByLabel('Entered by').fill('Li');
  await ledger.getByRole('button', { name: 'Add entry' }).click();
  await expect(app.stat('Points balance')).toContainText('30');

  await app.open('settings');
  await page.getByLabel('New PIN (4–12 digits, 6 or more advised)').fill('2580');
  await page.getByLabel('Type it again').fill('2580');
  await page.getByRole('button', { name: 'Save PIN' }).click();
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByText('Clerk mode', { exact: true })).toBeVisible();

  await app.open(`customers/${member.id}`);
  await expect(page.getByText('Balances are hidden in clerk mode.')).toBeVisible();
  await expect(app.stat('Points balance')).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Points entries' }).getByRole('columnheader', { name: 'Balance after' })).toHaveCount(0);
  await expect(ledger.getByLabel('Type').locator('option')).toHaveText(['Earn / top up', 'Redeem / spend', 'Expire', 'Refund reversal']);
  // A clerk still records a sale's points.
  await ledger.getByRole('textbox', { name: 'Points' }).fill('5');
  await ledger.getByLabel('Entered by').fill('Clerk Xu');
  await ledger.getByRole('button', { name: 'Add entry' }).click();
  await expect(page.getByRole('table', { name: 'Points entries' }).getByRole('row')).toHaveCount(3);
  // Not even an error tells a clerk the balance.
  await ledger.getByLabel('Type').selectOption({ label: 'Redeem / spend' });
  await ledger.getByRole('textbox', { name: 'Points' }).fill('1000');
  await ledger.getByRole('button', { name: 'Add entry' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not enough' })).toHaveText('Not enough balance.');

  await app.open('customers/members');
  await expect(page.getByLabel('Choose an opening balances file')).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Hand over customers' })).toHaveCount(0);
});
