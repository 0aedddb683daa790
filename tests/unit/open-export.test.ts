/**
 * The open-format export's rules (issue 19) with hand-checked values: store ids, exclusion
 * reasons, customer ids across a chain, SQL literals, the segment CASE, and the SQL scoring of a
 * five-customer store run in DuckDB against quantiles worked out by hand; the churn, repeat and
 * registration KPIs of another small store, by hand, in the app and in the script.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../src/lib/dates';
import { customerKeyOf } from '../../src/lib/export/open-export';
import { exclusionReason, purchaseLineColumns, writeParquet } from '../../src/lib/export/parquet';
import { openTable } from '../../src/lib/export/open-schema';
import { newStoreId, validateStoreId } from '../../src/lib/export/store-id';
import { monthOfDay, monthText, quarterOfMonth } from '../../src/lib/funnel/months';
import { purchaseKpis } from '../../src/lib/kpi/purchases';
import { LineFlag, packLines } from '../../src/lib/purchases/columns';
import { scoreRfm } from '../../src/lib/rfm';
import type { SegmentRuleSet } from '../../src/lib/rfm/segments';
import { analysisSql, segmentCase } from '../../src/lib/sql/analysis-sql';
import { sqlDouble } from '../../src/lib/sql/dialects';

describe('store id', () => {
  it.each([
    ['SH-001', 'SH-001'],
    ['  KQ-DEADBEEF ', 'KQ-DEADBEEF'],
    ['a_b', 'a_b'],
    ['x'.repeat(32), 'x'.repeat(32)],
  ])('accepts %j as %j', (text, id) => expect(validateStoreId(text)).toEqual({ ok: true, value: id }));
  it.each(['', '   ', 'SH 001', 'SH:001', "S'1", '上海一店', 'x'.repeat(33)])('refuses %j (it ends up in paths, SQL and ids)', (text) =>
    expect(validateStoreId(text)).toEqual({ ok: false, error: { code: 'openExport.badStoreId', max: 32 } }),
  );
  it('is made from 4 random bytes as KQ- and 8 hex digits', () => {
    expect(newStoreId(new Uint8Array([0xde, 0xad, 0x0b, 0xef, 0x99]))).toBe('KQ-DEAD0BEF');
    expect(validateStoreId(newStoreId(new Uint8Array(4))).ok).toBe(true);
  });
});

describe('exclusion reason', () => {
  it.each([
    [0, null],
    [LineFlag.returned, null], // a return kept in the analyses is not excluded
    [LineFlag.excluded | LineFlag.cancellation, 'cancellation'],
    [LineFlag.excluded | LineFlag.returned | LineFlag.nonPositivePrice, 'returned,nonPositivePrice'],
    [LineFlag.excluded | LineFlag.futureDate | LineFlag.repeated, 'futureDate,repeated'],
    [LineFlag.excluded, 'excluded'],
  ])('flags %i → %j', (flags, reason) => expect(exclusionReason(flags)).toBe(reason));
});

describe('customer ids across a chain', () => {
  const customers = [
    { id: 7, externalId: 'C-9', cardNo: '8801' },
    { id: 8, cardNo: '8802' },
    { id: 9 },
  ];
  it('are namespaced by store unless the chain shares member ids', () => {
    const own = customerKeyOf({ storeId: 'S1', sharedMemberIds: false }, customers);
    expect([7, 8, 9, 10].map(own)).toEqual(['S1:7', 'S1:8', 'S1:9', 'S1:10']);
    // Shared: the member's own id, else the card, else (nothing to share) still the store's.
    const shared = customerKeyOf({ storeId: 'S1', sharedMemberIds: true }, customers);
    expect([7, 8, 9].map(shared)).toEqual(['C-9', '8802', 'S1:9']);
  });
});

describe('SQL literals', () => {
  it.each([
    [30, 'CAST(30 AS DOUBLE)'],
    [-2, 'CAST(-2 AS DOUBLE)'],
    [500.5, "CAST('500.5' AS DOUBLE)"],
    // R's seq(0, 1, length.out = 6)[4]: 3 × 0.2 is not 0.6 in doubles, and must stay so.
    [3 * 0.2, "CAST('0.6000000000000001' AS DOUBLE)"],
  ])('%d → %s', (x, text) => expect(sqlDouble(x)).toBe(text));
  it('refuses a number SQL cannot hold', () => expect(() => sqlDouble(Number.NaN)).toThrow());

  it('writes the segment rules as one ordered CASE', () => {
    const set: SegmentRuleSet = {
      levels: 3,
      rules: [
        { id: 'best', name: { zh: '最好', en: 'Best' }, r: [3, 3], f: [3, 3], m: [2, 3] },
        { id: 'o\'k', name: { zh: '一般', en: 'OK' }, r: [1, 3], f: [1, 2], m: [1, 3] },
      ],
    };
    expect(segmentCase(set, (r) => `'${r.id.replace(/'/g, "''")}'`, "'others'")).toBe(
      [
        'CASE',
        "    WHEN r_score BETWEEN 3 AND 3 AND f_score BETWEEN 3 AND 3 AND m_score BETWEEN 2 AND 3 THEN 'best'",
        "    WHEN r_score BETWEEN 1 AND 3 AND f_score BETWEEN 1 AND 2 AND m_score BETWEEN 1 AND 3 THEN 'o''k'",
        "    ELSE 'others'",
        '  END',
      ].join('\n'),
    );
  });
});

describe('the SQL scoring of five customers, by hand', () => {
  // Customer k (1…5) bought once, on day 100 − R with R = 1, 2, 3, 4, 10, analysis date day 100.
  // Type-7 quantiles of R at p = 1/3 and 2/3 (n = 5): index = 1 + 4p = 2.333… and 3.666…,
  // q1 = (2/3)·2 + (1/3)·3 = 2.333…, q2 = (1/3)·3 + (2/3)·4 = 3.666….
  // quantile: band = cuts strictly below R → 0, 0, 1, 2, 2; R level = 3 − band → 3, 3, 2, 1, 1.
  // rfm030: cuts + 1 = 3.333…, 4.666…; band = cuts at or below R → 0, 0, 0, 1, 2; level 3, 3, 3, 2, 1.
  const recency = [1, 2, 3, 4, 10];
  const set: SegmentRuleSet = { levels: 3, rules: [{ id: 'recent', name: { zh: '近期', en: 'Recent' }, r: [3, 3], f: [1, 3], m: [1, 3] }] };
  const lines = packLines(recency.map((r, i) => ({ day: 100 - r, customerId: i + 1, amount: 10_000 * (i + 1), quantity: 1, orderNo: `O${i}` })));

  it.each([
    ['quantile', [3, 3, 2, 1, 1], ['recent', 'recent', 'others', 'others', 'others']],
    ['rfm030', [3, 3, 3, 2, 1], ['recent', 'recent', 'recent', 'others', 'others']],
  ] as const)('%s gives R levels %j', async (method, levels, segments) => {
    // The app agrees with the hand count…
    const app = scoreRfm(
      recency.map((r, i) => ({ id: i + 1, recencyDays: r, frequency: 1, monetary: 100 * (i + 1) })),
      { method, levels: 3 },
    );
    expect(app.ok && app.value.scores.map((s) => s.r)).toEqual(levels);
    // …and so does the script over the Parquet the app writes.
    const dir = mkdtempSync(join(tmpdir(), 'keqing-sql-'));
    try {
      const path = join(dir, 'purchase_lines.parquet');
      writeFileSync(path, await writeParquet(openTable('purchase_lines'), purchaseLineColumns([lines], 'S1', (id) => `S1:${id}`)));
      const db = await DuckDBInstance.create(':memory:', { threads: '1' });
      const con = await db.connect();
      const script = analysisSql({ analysisDay: 100, method, ruleSet: set, abcCuts: { a: 0.8, b: 0.95 }, linesPath: path, storeId: 'S1' }, 'duckdb');
      for (const statement of script.split(/;\n/).filter((s) => s.replace(/--.*$/gm, '').trim() !== '')) await con.run(statement);
      const rows = (await con.runAndReadAll('SELECT r_score, segment, abc_class FROM kq_result ORDER BY keqing_id')).getRowObjectsJson();
      const cuts = (await con.runAndReadAll('SELECT r_c1, r_c2 FROM kq_cuts')).getRowObjectsJson()[0]!;
      con.closeSync();
      expect(rows.map((r) => Number(r.r_score))).toEqual(levels);
      expect(rows.map((r) => r.segment)).toEqual(segments);
      const plus = method === 'rfm030' ? 1 : 0;
      expect(Number(cuts.r_c1)).toBeCloseTo(7 / 3 + plus, 12);
      expect(Number(cuts.r_c2)).toBeCloseTo(11 / 3 + plus, 12);
      // ABC: sales 100…500 yuan, total 1,500. Ranked 500, 400, 300, 200, 100: the share before each
      // is 0, 1/3, 3/5, 4/5, 14/15 → A, A, A, B (4/5 is not < 0.8), B (14/15 < 0.95).
      expect(rows.map((r) => r.abc_class)).toEqual(['B', 'B', 'A', 'A', 'A']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('the KPI SQL over a five-customer store, counted by hand (churned-list days D = 30)', () => {
  const d = (m: number, day: number) => dayFromYmd(2026, m, day);
  // 1 buys 01-10 and 03-05; 2 buys 01-20; 3 buys 02-15 and 02-20; 4 only returns (02-01), which is
  // no purchase; 5 buys 02-25 and 03-10; a walk-in (no file) buys on 03-10 with order W1.
  const lines = packLines([
    { day: d(1, 10), customerId: 1, amount: 5_000, quantity: 1, orderNo: 'A1' },
    { day: d(3, 5), customerId: 1, amount: 5_000, quantity: 1, orderNo: 'A2' },
    { day: d(1, 20), customerId: 2, amount: 5_000, quantity: 1, orderNo: 'B1' },
    { day: d(2, 15), customerId: 3, amount: 5_000, quantity: 1, orderNo: 'C1' },
    { day: d(2, 20), customerId: 3, amount: 5_000, quantity: 1, orderNo: 'C2' },
    { day: d(2, 1), customerId: 4, amount: -5_000, quantity: -1, orderNo: 'D1', flags: LineFlag.returned },
    { day: d(2, 25), customerId: 5, amount: 5_000, quantity: 1, orderNo: 'E1' },
    { day: d(3, 10), customerId: 5, amount: 5_000, quantity: 1, orderNo: 'E2' },
    { day: d(3, 10), customerId: 0, amount: 5_000, quantity: 1, orderNo: 'W1' },
  ]);
  // Churn, D = 30: Jan: nobody bought before 01-01 → 0 of 0 (no data). Feb (S 02-01): 1 (last 01-10,
  // lapses 02-09, next 03-05) and 2 (last 01-20, lapses 02-19, no next) are not lapsed at S, and
  // both lapse in Feb → 2 of 2. Mar (S 03-01): 1 and 2 lapsed already; 3 (last 02-20, lapses 03-22,
  // no next) lapses; 5 (last 02-25, lapses 03-27) buys again 03-10 → 1 of 2.
  // Repeat (a second purchase day before the period's end): Jan buyers 1, 2 → none; Feb 3, 5 → 3;
  // Mar 1, 5 → both; Q1 and 2026: 1, 2, 3, 5 → 1, 3, 5.
  // Registration over every line: 5 customers with a file (4's return counts), 1 walk-in order → 5 of 6.
  const expected = {
    months: [
      { month: '2026-01', active: 0, churned: 0, churnRate: null, buyers: 2, repeat: 0, repeatRate: 0 },
      { month: '2026-02', active: 2, churned: 2, churnRate: 1, buyers: 2, repeat: 1, repeatRate: 0.5 },
      { month: '2026-03', active: 2, churned: 1, churnRate: 0.5, buyers: 2, repeat: 2, repeatRate: 1 },
    ],
    periods: [
      { period: '2026-Q1', buyers: 4, repeat: 3, repeatRate: 0.75 },
      { period: '2026', buyers: 4, repeat: 3, repeatRate: 0.75 },
    ],
  };

  it('the app counts it so', () => {
    const months = [1, 2, 3].map((m) => monthOfDay(d(m, 1)));
    const app = purchaseKpis([lines], { months, quarters: [quarterOfMonth(months[0]!)], years: [2026], churnDays: 30 });
    expect(app.months.map((m) => ({ month: monthText(m.month), active: m.active, churned: m.churned, churnRate: m.churnRate, buyers: m.repeat.buyers, repeat: m.repeat.repeat, repeatRate: m.repeat.rate }))).toEqual(expected.months);
    expect([...app.quarters, ...app.years].map((p) => ({ buyers: p.buyers, repeat: p.repeat, repeatRate: p.rate }))).toEqual(expected.periods.map(({ period: _, ...p }) => p));
    expect(app.registration).toMatchObject({ buyersWithFile: 5, allBuyers: 6 });
  });

  it('and so does the script, over the Parquet the app writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keqing-sql-kpi-'));
    try {
      const path = join(dir, 'purchase_lines.parquet');
      writeFileSync(path, await writeParquet(openTable('purchase_lines'), purchaseLineColumns([lines], 'S1', (id) => `S1:${id}`)));
      const db = await DuckDBInstance.create(':memory:', { threads: '1' });
      const con = await db.connect();
      // No segment rules at all: still a valid script, everyone in 'others'.
      const set: SegmentRuleSet = { levels: 3, rules: [] };
      const script = analysisSql({ analysisDay: null, method: 'quantile', ruleSet: set, abcCuts: { a: 0.8, b: 0.95 }, churnDays: 30, linesPath: path, storeId: 'S1' }, 'duckdb');
      for (const statement of script.split(/;\n/).filter((s) => s.replace(/--.*$/gm, '').trim() !== '')) await con.run(statement);
      const read = async (sql: string) => (await con.runAndReadAll(sql)).getRowObjectsJson();
      const num = (v: unknown) => (v === null ? null : Number(v));
      const months = await read('SELECT month, active_customers, churned_customers, churn_rate, repeat_base, repeat_buyers, repeat_rate FROM kq_kpi_months ORDER BY month');
      expect(months.map((r) => ({ month: r.month, active: num(r.active_customers), churned: num(r.churned_customers), churnRate: num(r.churn_rate), buyers: num(r.repeat_base), repeat: num(r.repeat_buyers), repeatRate: num(r.repeat_rate) }))).toEqual(expected.months);
      const periods = await read("SELECT period, buyers, repeat_buyers, repeat_rate FROM kq_kpi_repeat WHERE period_kind <> 'month' ORDER BY period_kind");
      expect(periods.map((r) => ({ period: r.period, buyers: num(r.buyers), repeat: num(r.repeat_buyers), repeatRate: num(r.repeat_rate) }))).toEqual(expected.periods);
      const [registration] = await read('SELECT buyers_with_file, buyers_without_file FROM kq_kpi_registration');
      expect(registration).toEqual({ buyers_with_file: '5', buyers_without_file: '1' });
      expect(await read('SELECT DISTINCT segment FROM kq_result')).toEqual([{ segment: 'others' }]);
      con.closeSync();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
