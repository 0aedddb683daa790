/**
 * Money on charts, the one way: axis ticks short (1.5万 / 15k, lib/format's formatAxisYuan), tooltips
 * exact (¥12,345.50, as the tables say it). Values are in yuan, as the charts draw them. The locale
 * is the chart's own (the wrapper sets it to the UI's tag), so a language switch redraws them right.
 */
import type { Chart, Scale, Tick, TooltipItem } from 'chart.js';
import { formatAxisYuan, formatYuan } from '../../lib/format';

const localeOf = (chart: Chart) => chart.options.locale ?? 'en';

/** `ticks` of an axis in yuan: every tick in the unit of the axis' largest one (0, 0.5万, 1万). */
export const yuanTicks = {
  callback(this: Scale, value: string | number, _index: number, ticks: Tick[]): string {
    const largest = Math.max(0, ...ticks.map((tick) => Math.abs(tick.value)));
    return formatAxisYuan(Number(value), localeOf(this.chart), largest);
  },
};

/** A tooltip line for a value in yuan: the series' name and the exact amount. */
export function yuanTooltipLabel(item: TooltipItem<'bar' | 'line'>): string {
  const yuan = typeof item.raw === 'number' ? item.raw : Number(item.raw);
  return `${item.dataset.label ?? ''}: ${formatYuan(yuan, localeOf(item.chart))}`;
}
