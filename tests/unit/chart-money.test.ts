import type { Scale, Tick, TooltipItem } from 'chart.js';
import { describe, expect, it } from 'vitest';
import { yuanTicks, yuanTooltipLabel } from '../../src/ui/chart/money';

/** What Chart.js hands the callbacks, as far as they read it: the chart's locale (set by the wrapper). */
const chartIn = (locale: string) => ({ options: { locale } });
const ticksOf = (values: number[]): Tick[] => values.map((value) => ({ value }));

describe('money on charts', () => {
  it.each([
    // Chart.js calls the tick callback with the scale as `this` and every tick of the axis.
    ['zh-CN', [0, 50_000, 100_000, 150_000], ['0', '5万', '10万', '15万']],
    ['zh-CN', [0, 5_000, 10_000, 15_000], ['0', '0.5万', '1万', '1.5万']], // one unit per axis
    ['zh-CN', [0, 2_000, 4_000], ['0', '2,000', '4,000']],
    ['zh-CN', [0, 100_000_000, 200_000_000, 250_000_000], ['0', '1亿', '2亿', '2.5亿']],
    ['en', [0, 50_000, 100_000, 150_000], ['0', '50k', '100k', '150k']],
  ])('axis ticks in %s: %j → %j', (locale, values, texts) => {
    const scale = { chart: chartIn(locale) } as unknown as Scale;
    const ticks = ticksOf(values);
    expect(values.map((v, i) => yuanTicks.callback.call(scale, v, i, ticks))).toEqual(texts);
  });

  it('gives the exact amount in the tooltip, in the chart’s language', () => {
    const item = (locale: string, raw: number) => ({ raw, dataset: { label: '销售额' }, chart: chartIn(locale) }) as unknown as TooltipItem<'bar'>;
    expect(yuanTooltipLabel(item('zh-CN', 123_456.5))).toBe('销售额: ¥123,456.50'); // not 12.3万: the tooltip is the exact figure
    expect(yuanTooltipLabel(item('en', 15_000))).toBe('销售额: CN¥15,000');
  });
});
