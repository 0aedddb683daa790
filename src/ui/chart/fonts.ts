import type { Chart } from 'chart.js';

type FontOptions = { font?: { size?: number } };

/**
 * The smallest text size Chart.js resolved for a drawn chart's axes and legend, in px: what the
 * chart really shows, read back so a browser test checks Chart.js, not what we asked of it.
 */
export function smallestFont(chart: Chart): number | null {
  const sizes: number[] = [];
  // A text without its own size takes the chart's font, which falls back to Chart.defaults.font (Chart.js's toFont).
  const base = (chart.options as FontOptions).font?.size;
  const add = (o: FontOptions | undefined, shown = true) => {
    const size = typeof o?.font?.size === 'number' ? o.font.size : base;
    if (shown && o && typeof size === 'number') sizes.push(size);
  };
  for (const scale of Object.values(chart.scales)) {
    const o = scale.options as { display?: boolean | string; ticks?: FontOptions & { display?: boolean }; pointLabels?: FontOptions & { display?: boolean | string }; title?: FontOptions & { display?: boolean } };
    if (o.display === false) continue;
    add(o.ticks, o.ticks?.display !== false);
    if (o.pointLabels) add(o.pointLabels, o.pointLabels.display !== false);
    add(o.title, o.title?.display === true);
  }
  const legend = chart.legend as unknown as { options?: { display?: boolean; labels?: FontOptions } } | undefined;
  if (legend?.options?.display) add(legend.options.labels);
  return sizes.length ? Math.min(...sizes) : null;
}
