import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../src/lib/dates';
import { formatAxisYuan, formatCount, formatDecimal, formatInstant, formatMoney, formatMoneyShort, formatPercent, formatSigned, formatWeek } from '../../src/lib/format';

const d = (iso: string) => dayFromIso(iso)!;

describe('formatMoneyShort', () => {
  it.each([
    [1_884_400_000, 'zh-CN', '¥1,884.4万'], // 18,844,000.00 yuan ÷ 10,000 = 1,884.4
    [1_000_000, 'zh-CN', '¥1.0万'], // exactly 10,000 yuan: 万 from here on, one decimal always
    [999_999, 'zh-CN', '¥9,999.99'], // under 1万: exact, as formatMoney
    [123_456_789_000, 'zh-CN', '¥12.35亿'], // 1,234,567,890 yuan ÷ 1e8 = 12.3456… → 12.35
    [-2_500_000, 'zh-CN', '-¥2.5万'],
    [1_884_400_000, 'en', '¥18.8M'], // 18,844,000 yuan ÷ 1e6 = 18.844 → 18.8
    [99_999_900, 'en', formatMoney(99_999_900, 'en')], // 999,999 yuan: exact in en
  ])('%i fen in %s is %s', (fen, tag, text) => {
    expect(formatMoneyShort(fen, tag)).toBe(text);
  });
});

describe('formatAxisYuan', () => {
  it.each([
    // The brief's ticks, each on its own (the axis' largest tick is itself).
    [0, 'zh-CN', '0'],
    [5_000, 'zh-CN', '5,000'], // under 1万: as is
    [12_000, 'zh-CN', '1.2万'], // 12,000 ÷ 10,000
    [150_000, 'zh-CN', '15万'], // 150,000 ÷ 10,000, no trailing zero
    [250_000_000, 'zh-CN', '2.5亿'], // 250,000,000 ÷ 100,000,000
    [0, 'en', '0'],
    [5_000, 'en', '5k'], // 5,000 ÷ 1,000
    [12_000, 'en', '12k'],
    [150_000, 'en', '150k'],
    [250_000_000, 'en', '250M'], // 250,000,000 ÷ 1,000,000
    [15_000, 'zh-CN', '1.5万'],
    [200_000_000, 'zh-CN', '2亿'],
    [9_000, 'zh-CN', '9,000'],
    [99_999_999, 'zh-CN', '10,000万'], // 9,999.9999万 rounds to two decimals: still under 1亿, so in 万
    [-25_000, 'zh-CN', '-2.5万'], // refunds below the line
    [2_500_000, 'en', '2.5M'],
    [12.5, 'en', '12.5'],
  ])('%d yuan in %s is %s', (yuan, tag, text) => {
    expect(formatAxisYuan(yuan, tag)).toBe(text);
  });

  it.each([
    // Ticks of one axis share the unit of its largest tick.
    ['zh-CN', [0, 5_000, 10_000, 15_000], ['0', '0.5万', '1万', '1.5万']],
    ['zh-CN', [0, 2_500, 5_000, 7_500], ['0', '2,500', '5,000', '7,500']], // largest under 1万: as is
    ['zh-CN', [0, 25_000_000, 50_000_000, 100_000_000], ['0', '0.25亿', '0.5亿', '1亿']],
    ['zh-CN', [-5_000, 0, 5_000, 10_000], ['-0.5万', '0', '0.5万', '1万']],
    ['en', [0, 500, 1_000, 1_500], ['0', '0.5k', '1k', '1.5k']],
    ['en', [0, 500_000, 1_000_000], ['0', '0.5M', '1M']],
  ])('the ticks of an axis in %s: %j → %j', (tag, ticks, texts) => {
    const largest = Math.max(...ticks.map(Math.abs));
    expect(ticks.map((v) => formatAxisYuan(v, tag, largest))).toEqual(texts);
  });
});

describe('formatWeek', () => {
  it.each([
    // 2025-12-01 is a Monday; its Thursday 12-04 is in December: the first week of December.
    ['2025-12-01', 'zh-CN', '12月第1周 (12-01–12-07)'],
    // 2026-11-30 is a Monday; Thursday 12-03 → December, week 1 (ISO 2026-W49).
    ['2026-11-30', 'zh-CN', '12月第1周 (11-30–12-06)'],
    // 2026-12-07: Thursday 12-10 → (10−1)÷7 → week 2.
    ['2026-12-07', 'zh-CN', '12月第2周 (12-07–12-13)'],
    // 2026-12-28: Thursday 12-31 → week 5 of December.
    ['2026-12-28', 'zh-CN', '12月第5周 (12-28–01-03)'],
    ['2026-12-07', 'en', 'Dec week 2 (12-07–12-13)'],
  ])('the week of Monday %s in %s is %s', (monday, tag, text) => {
    expect(formatWeek(d(monday), tag)).toBe(text);
  });
});

describe('formatDecimal and formatSigned', () => {
  it('keep at most the decimals asked for, and sign a change', () => {
    expect(formatDecimal(3.456, 'zh-CN')).toBe('3.46'); // two decimals by default, rounded
    expect(formatDecimal(4, 'zh-CN')).toBe('4'); // no trailing zeros
    expect(formatDecimal(12_345.67, 'en', 1)).toBe('12,345.7');
    expect(formatSigned(1.25, 'en')).toBe('+1.3'); // one decimal; 1.25 rounds half away from zero
    expect(formatSigned(-2, 'en')).toBe('-2');
    expect(formatSigned(0, 'en')).toBe('0');
  });
});

describe('formatInstant', () => {
  it('writes the year in four digits, in both languages', () => {
    // Mid-year, midday: the same year in every time zone.
    expect(formatInstant('2099-06-01T12:00:00Z', 'en')).toContain('2099');
    expect(formatInstant('2099-06-01T12:00:00Z', 'zh-CN')).toContain('2099');
  });
});

describe('formatters kept per locale and options', () => {
  it('gives each locale and number of digits its own formatter, whatever was formatted before', () => {
    // Interleaved: a formatter kept for one call must not answer for another locale or digit count.
    expect(formatMoney(123_456, 'en')).toBe('CN¥1,234.56');
    expect(formatMoney(123_400, 'en')).toBe('CN¥1,234');
    expect(formatMoney(123_456, 'zh-CN')).toBe('¥1,234.56');
    expect(formatCount(1_234_567, 'en')).toBe('1,234,567');
    expect(formatCount(1_234_567, 'de')).toBe('1.234.567');
    expect(formatDecimal(1.23456, 'en', 1)).toBe('1.2');
    expect(formatDecimal(1.23456, 'en', 3)).toBe('1.235');
    expect(formatSigned(1.26, 'en', 1)).toBe('+1.3');
    expect(formatSigned(1.26, 'en', 0)).toBe('+1');
    expect(formatPercent(0.1234, 'en')).toBe('12.3%');
    expect(formatMoney(123_456, 'en')).toBe('CN¥1,234.56');
  });
});
