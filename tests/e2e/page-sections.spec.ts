/**
 * Issue 18, layouts that hold: the five long pages (Segments, Funnel, Care calendar, a scorecard
 * assessment, KPI board) each open with a table of contents. It lists the page's sections, a click
 * brings the section's heading on screen below the bar (which stays on top), on a laptop and a phone.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';
import { PageToc } from './pages/toc';

type Section = { entry: string; heading: (page: Page) => Locator };
const h3 = (name: string | RegExp) => (page: Page) => page.getByRole('main').getByRole('heading', { level: 3, name });
const summary = (text: string) => (page: Page) => page.locator('main details > summary', { hasText: text });

const PAGES: { name: string; open: (app: Keqing) => Promise<void>; sections: Section[] }[] = [
  {
    name: 'Segments',
    open: (app) => app.open('segments'),
    sections: [
      { entry: 'Segment summary', heading: h3('Segment summary') },
      { entry: 'Exports', heading: h3('Exports') },
      { entry: 'Charts', heading: h3('R×F heatmap') },
      { entry: 'Movement', heading: h3('Segment changes (migration)') },
      { entry: 'ABC', heading: h3('ABC classes (Pareto)') },
      { entry: 'ABC by class', heading: h3('ABC by customer class') },
    ],
  },
  {
    name: 'Funnel',
    open: (app) => app.open('operations/funnel'),
    sections: [
      { entry: 'Register', heading: h3('Register a prospect') },
      { entry: 'Import a file', heading: h3('Import prospects and stage changes') },
      { entry: 'Prospects', heading: h3('Prospects and opportunities') },
      { entry: 'Conversion', heading: h3('Conversion by stage') },
      { entry: 'Pipeline', heading: h3('Pipeline forecast') },
      { entry: 'Reminders', heading: h3('Appointment reminders (next 7 days)') },
      { entry: 'Delays', heading: h3('Delay notices') },
      { entry: 'Self-check', heading: h3(/^Store self-check/) },
    ],
  },
  {
    name: 'Care calendar',
    open: (app) => app.open('operations/care'),
    sections: [
      { entry: 'This week', heading: h3(/^Care tasks for the week/) },
      { entry: 'Rules', heading: summary('Care rules') },
      { entry: 'Own occasions', heading: summary("The store's own occasions") },
    ],
  },
  {
    name: 'Scorecard assessment',
    open: async (app) => {
      await app.open('scorecard');
      // The course store's later assessment, opened as a user does: from the list.
      await app.page.getByRole('main').getByRole('table').getByRole('link').first().click();
      await expect(app.page.getByRole('heading', { level: 3, name: 'Rate each dimension' })).toBeVisible();
    },
    sections: [
      { entry: 'Details', heading: h3(/ · \d{4}-\d{2}-\d{2}$/) },
      { entry: 'Rate each dimension', heading: h3('Rate each dimension') },
      { entry: 'Results', heading: h3('Results') },
      { entry: 'Areas to improve', heading: h3('Areas to improve') },
      { entry: 'Action plan', heading: h3('Action plan') },
      { entry: 'History', heading: h3('History') },
      { entry: 'Homework 3', heading: h3(/^Homework 3/) },
      { entry: 'Export and report', heading: h3('Export and report') },
    ],
  },
  {
    name: 'KPI board',
    open: (app) => app.open('operations/kpi'),
    sections: [
      { entry: 'KPIs', heading: h3('KPI board') },
      { entry: 'Sales groups', heading: h3('Sales groups') },
    ],
  },
];

/** Lists the sections, then jumps to each from the last to the first (the last is off screen to begin with). */
async function visitSections(toc: PageToc, page: Page, sections: Section[]) {
  await expect(toc.nav).toBeVisible();
  await expect.poll(() => toc.entries()).toEqual(sections.map((s) => s.entry));
  const last = sections[sections.length - 1]!;
  await expect(last.heading(page)).not.toBeInViewport();
  for (const s of [...sections].reverse()) {
    await toc.entry(s.entry).click();
    await toc.expectShown(s.heading(page));
  }
}

for (const size of [
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`each long page's table of contents brings its sections into view at ${size.width} px`, async ({ page }) => {
    test.setTimeout(600_000);
    const app = new Keqing(page);
    await app.loadDemo();
    await page.setViewportSize(size);
    const toc = new PageToc(page);
    for (const p of PAGES) {
      await test.step(p.name, async () => {
        await p.open(app);
        await visitSections(toc, page, p.sections);
      });
    }
    if (size.width === 390) {
      // On a phone the entries are one line of chips that scrolls inside the bar, never the page.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }
  });
}

test('the call list joins the Segments contents once a segment is picked, and the keyboard reaches every entry', async ({ page }) => {
  test.setTimeout(600_000);
  const app = new Keqing(page);
  await app.loadDemo();
  await page.setViewportSize({ width: 1366, height: 900 });
  await app.open('segments');
  const toc = new PageToc(page);
  await expect(toc.entry('Movement')).toBeVisible();
  await expect(toc.entry('Call list')).toHaveCount(0);
  await page.getByRole('table', { name: 'Segment summary' }).getByRole('button', { name: 'Call list' }).first().click();
  await expect(toc.entry('Call list')).toBeVisible();
  await expect.poll(() => toc.entries()).toEqual(['Segment summary', 'Exports', 'Charts', 'Call list', 'Movement', 'ABC', 'ABC by class']);

  // Keyboard: Tab onto the entry, Enter jumps and puts focus on the section's heading.
  await toc.entry('Exports').focus();
  await page.keyboard.press('Tab');
  await expect(toc.entry('Charts')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(toc.entry('Call list')).toBeFocused();
  await page.keyboard.press('Enter');
  const heading = page.getByRole('heading', { level: 3, name: /: \d[\d,]* customers$/ });
  await toc.expectShown(heading);
  await expect(heading).toBeFocused();
});

/** How many lines an element's text takes on screen. */
function linesOf(target: Locator): Promise<number> {
  return target.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  });
}

/** The table's scrolling box shows every column without scrolling sideways. */
async function expectWhole(box: Locator) {
  await expect(box).toBeVisible();
  const { scroll, client } = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client + 1);
}

test('the customer value tables fit a laptop screen: no column or button cut off, dates and buttons on one line', async ({ page }) => {
  test.setTimeout(600_000);
  const app = new Keqing(page);
  await app.loadDemo();
  await page.setViewportSize({ width: 1366, height: 900 });

  await app.open('value/history');
  const history = page.getByRole('table', { name: 'Historic value per customer' });
  await expect(history.getByRole('row').nth(1)).toBeVisible();
  await expectWhole(page.locator('main .hscroll'));
  await expect(history.getByRole('columnheader', { name: /^Status/ })).toBeInViewport({ ratio: 1 });
  // Every figure shown whole, none cut to an ellipsis (CN¥74,095 is the widest in English).
  const cut = await history.getByRole('cell').evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent));
  expect(cut).toEqual([]);

  await app.open('value/family');
  const members = page.getByRole('table', { name: 'Family members' });
  await expectWhole(page.locator('main .table-wrap').filter({ has: members }));
  const remove = members.getByRole('button', { name: 'Remove Wife' });
  await expect(remove).toBeInViewport({ ratio: 1 });
  expect(await linesOf(remove)).toBe(1);

  // Sixteen columns: in Chinese they fit (the screenshots); English words are longer and
  // the table scrolls sideways inside its card there.
  await page.getByLabel('Language').selectOption('zh');
  await app.open('value/campaigns');
  const campaigns = page.getByRole('table', { name: '活动与评估' });
  const row = campaigns.getByRole('row').nth(1);
  await expect(row).toBeVisible();
  await expectWhole(page.locator('main .table-wrap').filter({ has: campaigns }));
  expect(await linesOf(row.getByRole('cell').first())).toBe(1); // the date
  expect(await linesOf(row.getByRole('button'))).toBe(1);
});
