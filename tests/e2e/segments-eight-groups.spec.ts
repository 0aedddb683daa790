/**
 * Issue 18: in the Chinese UI a new store's Segments screen starts with the RFM 八大客户群, each
 * group with its definition and suggested action in the table itself; a choice the store makes is kept.
 */
import { dayFromLocalDate } from '../../src/lib/dates';
import { demoDefaults, generateDemoStore } from '../../src/lib/demo/generate';
import { customerStats } from '../../src/lib/customers/stats';
import { runRfm } from '../../src/lib/rfm/from-stats';
import { EIGHT_GROUP_SEGMENTS } from '../../src/lib/rfm/presets';
import { defaultActions } from '../../src/lib/rfm/actions';
import { presetDefinitions } from '../../src/lib/rfm/definitions';
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';

test('a new store in Chinese is segmented into the eight groups, each with its definition and action', async ({ page }) => {
  const demo = generateDemoStore({ ...demoDefaults, endDay: dayFromLocalDate(new Date()) });
  const r = runRfm(customerStats([demo.purchases]), { analysisDay: null, method: 'mean', preset: 'eightGroups' });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const counts = Object.fromEntries(r.value.summary.map((row) => [row.segment, row.customers]));
  // The demo store must fill every group, or the check below would pass on empty rows.
  expect(EIGHT_GROUP_SEGMENTS.rules.every((rule) => counts[rule.id]! > 0)).toBe(true);

  const app = new Keqing(page);
  await app.open('settings');
  await page.getByLabel('Language').selectOption('zh');
  await page.getByRole('button', { name: '载入示范店铺' }).click();
  const dialog = page.getByRole('dialog');
  if (await dialog.isVisible()) await dialog.getByRole('button', { name: '载入示范店铺' }).click();
  await expect(page.getByRole('status').filter({ hasText: '示范店铺已载入' })).toBeVisible({ timeout: 120_000 });

  await app.nav('细分').click();
  const rules = page.getByRole('combobox', { name: '细分规则', exact: true });
  await expect(rules.locator('option:checked')).toHaveText('RFM 八大客户群（高 / 低两档）');
  await expect(page.getByRole('combobox', { name: '打分方法' }).locator('option:checked')).toHaveText('与平均值比较（高于平均为高）');
  await expect(page.getByText('每项与全店平均比：消费次数、金额高于平均为“高”')).toBeVisible();

  const table = page.getByRole('table', { name: '细分汇总' });
  for (const rule of EIGHT_GROUP_SEGMENTS.rules) {
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: rule.name.zh, exact: true }) });
    await expect(row.getByRole('rowheader')).toContainText(presetDefinitions[rule.id]!.zh);
    await expect(row.getByRole('cell').first()).toHaveText(counts[rule.id]!.toLocaleString('zh-CN'));
    await expect(row).toContainText(defaultActions[rule.id]!.zh);
  }
  // The cut used is the average: the table of cut points shows the mean number of orders.
  const meanOrders = r.value.bands.frequency.cuts[0]!;
  await expect(page.getByRole('table', { name: '使用的分界点' }).getByRole('row', { name: /^F/ })).toContainText(
    new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(meanOrders),
  );

  // R's ten stay a preset, in natural Chinese; quantile scoring comes back with it. The choice is kept.
  await rules.selectOption({ label: '国际通用十类客户（5 档）' });
  await expect(page.getByRole('combobox', { name: '打分方法' }).locator('option:checked')).toHaveText('分位数评分（按人数均分各档）');
  await expect(table.getByRole('rowheader', { name: '久未光顾客户', exact: true })).toBeVisible();
  await expect(table.getByRole('rowheader', { name: '久未光顾客户', exact: true })).toContainText('最近一次购买在全店最早的一档');
  // 流失 names only the churned list (the Lost action may point to it); no segment is called so.
  const names = await table.getByRole('rowheader').evaluateAll((ths) => ths.map((th) => th.getAttribute('aria-label') ?? ''));
  expect(names).toContain('久未光顾客户');
  expect(names.filter((n) => n.includes('流失'))).toEqual([]);
  await page.reload();
  await expect(page.getByRole('combobox', { name: '细分规则', exact: true }).locator('option:checked')).toHaveText('国际通用十类客户（5 档）');
  await expect(page.getByRole('table', { name: '细分汇总' }).getByRole('rowheader', { name: '核心客户', exact: true })).toBeVisible();
});
