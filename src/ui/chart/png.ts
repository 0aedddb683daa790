import type { Chart } from 'chart.js';

/**
 * A chart as a PNG on white, drawn at print resolution: Chart.js draws on a transparent canvas,
 * which viewers and slides show as black or checkered, and at screen resolution, which prints blurry.
 */
export async function chartToPng(chart: Chart, pixelRatio = 3): Promise<Blob> {
  const screenRatio = chart.options.devicePixelRatio;
  chart.options.devicePixelRatio = pixelRatio;
  chart.resize();
  try {
    const source = chart.canvas;
    const out = document.createElement('canvas');
    out.width = source.width;
    out.height = source.height;
    const context = out.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, out.width, out.height);
    context.drawImage(source, 0, 0);
    return await new Promise<Blob>((resolve, reject) => out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob failed'))), 'image/png'));
  } finally {
    chart.options.devicePixelRatio = screenRatio;
    chart.resize();
  }
}
