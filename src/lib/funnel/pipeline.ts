/**
 * Pipeline forecast (销售管道预测, domain.md §5, seed 000): every prospect who tried and bargained is
 * registered with the model, colour, options and expected purchase month, so demand per model and
 * month can be forecast. Open prospects only: one who closed or dropped out is no longer demand.
 */
import { monthFromText, type MonthIndex } from './months';

export interface PipelineEntry {
  model?: string | undefined;
  colour?: string | undefined;
  options?: string | undefined;
  /** 'YYYY-MM' */
  expectedMonth?: string | undefined;
}

export interface PipelineForecast {
  /** Ascending; 'null' month (no expected month) is left out and counted in `undated`. */
  months: MonthIndex[];
  /** Sorted by total, then name. A blank model is ''. */
  models: { model: string; counts: number[]; total: number; colours: { colour: string; count: number }[] }[];
  monthTotals: number[];
  total: number;
  /** Prospects with no (or an unreadable) expected month, per model. */
  undated: number;
}

export function pipelineForecast(entries: readonly PipelineEntry[]): PipelineForecast {
  const monthSet = new Set<MonthIndex>();
  const dated: { model: string; colour: string; month: MonthIndex }[] = [];
  let undated = 0;
  for (const e of entries) {
    const month = e.expectedMonth ? monthFromText(e.expectedMonth) : null;
    if (month === null) {
      undated++;
      continue;
    }
    monthSet.add(month);
    dated.push({ model: (e.model ?? '').trim(), colour: (e.colour ?? '').trim(), month });
  }
  const months = [...monthSet].sort((a, b) => a - b);
  const col = new Map(months.map((m, i) => [m, i]));
  const byModel = new Map<string, { counts: number[]; colours: Map<string, number> }>();
  for (const d of dated) {
    let m = byModel.get(d.model);
    if (!m) byModel.set(d.model, (m = { counts: months.map(() => 0), colours: new Map() }));
    m.counts[col.get(d.month)!]!++;
    m.colours.set(d.colour, (m.colours.get(d.colour) ?? 0) + 1);
  }
  const models = [...byModel.entries()]
    .map(([model, m]) => ({
      model,
      counts: m.counts,
      total: m.counts.reduce((a, b) => a + b, 0),
      colours: [...m.colours.entries()].map(([colour, count]) => ({ colour, count })).sort((a, b) => b.count - a.count || a.colour.localeCompare(b.colour)),
    }))
    .sort((a, b) => b.total - a.total || a.model.localeCompare(b.model));
  const monthTotals = months.map((_, i) => models.reduce((n, m) => n + m.counts[i]!, 0));
  return { months, models, monthTotals, total: dated.length, undated };
}
