import { writeFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';
import { Lock } from './pages/lock';

/** An 11-digit mainland mobile number standing alone (not part of a longer number). */
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const routes = ['overview', 'customers', 'segments', 'value', 'scorecard', 'time', 'operations', 'settings'];
const isoDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

test('clerk mode shows no full mobile number on any screen, the funnel pipeline included', async ({ page }) => {
  test.setTimeout(180_000);
  const app = new Keqing(page);
  await app.loadDemo();

  // A prospect with a phone and an appointment tomorrow: the pipeline's reminder lists them.
  await page.goto('./#/operations/funnel');
  const form = page.getByRole('region', { name: 'Register a prospect' });
  await form.getByLabel('Name').fill('试驾客人');
  await form.getByLabel('Phone').fill('139 1234 5678');
  const tomorrow = new Date(Date.now() + 86_400_000);
  await form.getByLabel('Appointment (test drive / visit)').fill(isoDay(tomorrow));
  await form.getByRole('button', { name: 'Register', exact: true }).click();
  const reminders = page.getByRole('table', { name: 'Appointment reminders (next 7 days)' });
  await expect(reminders.getByRole('row').filter({ hasText: '试驾客人' }).first()).toContainText('139****5678');

  await new Lock(page).setPinAndLock('258046');

  const visited: string[] = [];
  for (const route of routes) {
    await page.goto(`./#/${route}`);
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
    const tabs = await page.locator('nav.tabs a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    for (const href of tabs.length ? tabs : [`#/${route}`]) {
      await page.goto(`./${href}`);
      await expect(page.locator('nav.tabs a[aria-current="page"]').or(page.locator('main h2')).first()).toBeVisible();
      // Screens still reading or computing show a progress bar; check once they are done.
      await expect(page.locator('progress')).toHaveCount(0, { timeout: 30_000 });
      const text = await page.locator('body').innerText();
      expect(text.match(MOBILE)?.[0], `a full mobile number on ${href}`).toBeUndefined();
      visited.push(href);
    }
  }
  expect(visited).toEqual(expect.arrayContaining(['#/operations/funnel', '#/customers', '#/segments', '#/value/model']));

  // The checks above saw real lists: the customer file and the pipeline show masked numbers.
  await page.goto('./#/operations/funnel');
  await expect(reminders.getByRole('row').filter({ hasText: '试驾客人' }).first()).toContainText('139****5678');
  await page.goto('./#/customers');
  await expect(page.getByRole('table', { name: 'Customer file' }).getByText(/^1\d\d\*\*\*\*\d{4}$/).first()).toBeVisible();
  expect((await page.locator('body').innerText()).match(MOBILE)).toBeNull();
  // A customer's own page: the phone field shows the masked number and cannot be changed.
  await page.getByRole('table', { name: 'Customer file' }).getByRole('link').first().click();
  const phone = page.getByLabel('Phone');
  if (await phone.inputValue()) {
    expect(await phone.inputValue()).not.toMatch(MOBILE);
    await expect(phone).not.toBeEditable();
  }
});

test('a sessionStorage or localStorage flag and a reload do not open manager mode', async ({ page }) => {
  const app = new Keqing(page);
  await app.open('settings');
  await expect(page.getByText('The lock stops a curious clerk, not someone who takes the laptop.')).toBeVisible();
  await expect(page.getByText('The data kept in this browser is not encrypted')).toBeVisible();
  const lock = new Lock(page);
  await lock.setPinAndLock('2580461');

  // Whatever flag an earlier version used, or a clerk guesses.
  await page.evaluate(() => {
    for (const store of [sessionStorage, localStorage]) {
      for (const key of ['keqing.manager', 'keqing.mode', 'manager', 'unlocked']) store.setItem(key, '1');
      store.setItem('keqing.access', JSON.stringify({ manager: true }));
    }
  });
  await page.reload();
  await expect(lock.clerkBadge).toBeVisible();
  await expect(page.getByRole('button', { name: 'Download backup' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Clear all data' })).toBeDisabled();

  // The right PIN unlocks; a reload locks again.
  await lock.tryPin('2580461');
  await expect(lock.managerBadge).toBeVisible();
  await expect(page.getByRole('button', { name: 'Download backup' })).toBeEnabled();
  await page.reload();
  await expect(lock.clerkBadge).toBeVisible();
  await expect(page.getByRole('button', { name: 'Download backup' })).toBeDisabled();
});

test('five wrong PINs make the next try wait 30 s, even for the right PIN and after a reload', async ({ page }) => {
  const app = new Keqing(page);
  await app.open('settings');
  const lock = new Lock(page);
  await lock.setPinAndLock('909192');
  const alert = page.getByRole('alert').filter({ hasText: /PIN|tries/ });
  for (let i = 1; i <= 4; i++) {
    await lock.tryPin(`00000${i}`);
    await expect(alert).toHaveText('Wrong PIN.');
    // The alert is replaced on each try: clear it so the next check sees the next answer.
    await page.getByRole('button', { name: 'Cancel' }).click();
  }
  await lock.tryPin('000005');
  await expect(alert).toHaveText('Wrong PIN. Too many wrong tries: wait 30 s before the next one.');
  await lock.tryPin('909192');
  await expect(alert).toContainText(/Too many wrong tries: try again in (30|[12]\d|\d) s\./);
  await expect(lock.clerkBadge).toBeVisible();
  await page.reload();
  await lock.tryPin('909192');
  await expect(alert).toContainText('Too many wrong tries: try again in');
  await expect(lock.clerkBadge).toBeVisible();
});

test('clerk mode cannot overwrite customers on import, re-grade or export names with phones', async ({ page }, testInfo) => {
  const app = new Keqing(page);
  await app.loadDemo();
  await new Lock(page).setPinAndLock('135790');

  const csv = testInfo.outputPath('customers.csv');
  await writeFile(csv, '姓名,电话\n王芳,13800138000\n李雷,13900139000\n');
  await page.goto('./#/customers/import');
  await page.getByLabel('Choose a CSV file').setInputFiles(csv);
  await expect(page.getByLabel('Overwrite: update them from the file')).toBeDisabled();
  await expect(page.getByLabel('Skip: leave them as they are')).toBeChecked();
  await expect(page.getByText('Not available in clerk mode: ask a manager to unlock.').first()).toBeVisible();

  await page.goto('./#/value/grades');
  await expect(page.getByRole('button', { name: 'Re-grade now' })).toBeDisabled();

  // No export that carries names with phones: the customer file, the full segmented table.
  await page.goto('./#/customers');
  await expect(page.getByRole('button', { name: 'Export this list as CSV' })).toBeDisabled();
  await page.goto('./#/segments');
  await expect(page.getByRole('button', { name: 'Export all customers (RFM, segment, ABC and tier)' })).toBeDisabled({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Export head-office package (.zip)' })).toBeDisabled();
  await expect(page.getByRole('textbox', { name: 'Store id' })).toBeDisabled();
  await expect(page.getByLabel('Export full phone numbers')).toHaveCount(0);
});
