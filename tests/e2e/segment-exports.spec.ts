import { customerStats } from '../../src/lib/customers/stats';
import { maskPhone } from '../../src/lib/import/values/phone';
import { runAbc } from '../../src/lib/abc/from-stats';
import { runRfm } from '../../src/lib/rfm/from-stats';
import { expectedDemo } from './expected-demo';
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';
import { downloadCsvLines as download } from './pages/download';

test('exports the segment table and every customer with R, F, M, segment, ABC class and tier', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  const expected = expectedDemo();
  const stats = customerStats([expected.store.purchases]);
  const rfm = runRfm(stats, { analysisDay: null, method: 'quantile', preset: 'rfm030' });
  const abc = runAbc(stats, { a: 0.8, b: 0.95 });
  if (!rfm.ok || !abc.ok) throw new Error('the demo store always segments');

  await app.nav('Segments').click();
  await expect(page.getByRole('table', { name: 'Segment summary' })).toBeVisible();

  const summary = await download(page, 'Export the segment table');
  expect(summary[0]).toBe('Segment,Customers,% of customers,Orders,Revenue,% of revenue,Average order value,Median R (days),Median F (orders),Median M');
  const champions = summary.find((line) => line.startsWith('Champions,'))!;
  expect(champions.split(',')[1]).toBe(String(expected.segments.champions));

  const all = await download(page, 'Export all customers (RFM, segment, ABC and tier)');
  // The shop's keys first (issue 15 §2), then the figures under headers the importer leaves alone.
  expect(all[0]).toBe('Customer ID,Card no.,Phone,Name,Keqing no.,Recency (days),Frequency,Monetary (yuan),R,F,M,RFM score,RFM segment,ABC class,Store tier');
  expect(all).toHaveLength(expected.store.customers.length + 1);
  // A customer who bought: their scores as the pure functions give them; phone masked.
  const scored = rfm.value.customers.find((c) => expected.store.customers.find((x) => x.id === c.id)?.phone)!;
  const person = expected.store.customers.find((x) => x.id === scored.id)!;
  const line = all.find((l) => l.split(',')[4] === String(scored.id))!;
  expect(line).toContain(`${person.cardNo ?? ''},${maskPhone(person.phone!)},${person.name},${scored.id},${scored.recencyDays},${scored.frequency},`);
  expect(line).toContain(`,${scored.r},${scored.f},${scored.m},${scored.score},`);
  expect(line.endsWith(`,${abc.value.classOf[scored.id]},`)).toBe(true); // no tier before the first review
});
