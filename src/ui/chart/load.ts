import type { Chart as ChartType, ChartConfiguration } from 'chart.js';

/**
 * Chart.js is loaded on first use, not with the page: most visits never draw a chart, and the
 * first-load budget is for the table and the forms. Extra chart types register themselves here.
 */
export type ChartKind = 'base' | 'matrix';

let base: Promise<typeof import('chart.js')> | undefined;
let matrix: Promise<void> | undefined;

function loadBase() {
  base ??= import('chart.js').then((module) => {
    module.Chart.register(...module.registerables);
    return module;
  });
  return base;
}

export async function loadChart(kind: ChartKind): Promise<typeof ChartType> {
  const module = await loadBase();
  if (kind === 'matrix') {
    matrix ??= import('chartjs-chart-matrix').then(({ MatrixController, MatrixElement }) => module.Chart.register(MatrixController, MatrixElement));
    await matrix;
  }
  return module.Chart;
}

export type { ChartConfiguration };
