import type { Chart } from 'chart.js';

/**
 * A chart as a PNG on white, drawn at print resolution: Chart.js draws on a transparent canvas,
 * which viewers and slides show as black or checkered, and at screen resolution, which prints blurry.
 * The chart is redrawn at `pixelRatio` and back within one task, so the screen never shows it.
 * The title goes above it: a picture pasted into slides or a report must say what it shows.
 */
export async function chartToPng(chart: Chart, title: string, pixelRatio = 3): Promise<Blob> {
  const out = document.createElement('canvas');
  const screenRatio = chart.options.devicePixelRatio;
  try {
    chart.options.devicePixelRatio = pixelRatio;
    chart.resize(); // redraws at once: the wrapper turns animation off
    const source = chart.canvas;
    const head = title ? Math.round(32 * pixelRatio) : 0;
    out.width = source.width;
    out.height = source.height + head;
    const context = out.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, out.width, out.height);
    if (title) {
      context.fillStyle = '#1a1a1a';
      context.font = `600 ${Math.round(15 * pixelRatio)}px system-ui, sans-serif`;
      context.textBaseline = 'middle';
      context.fillText(title, Math.round(8 * pixelRatio), head / 2, out.width - Math.round(16 * pixelRatio));
    }
    context.drawImage(source, 0, head);
  } finally {
    chart.options.devicePixelRatio = screenRatio;
    chart.resize();
  }
  return new Promise<Blob>((resolve, reject) => out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob failed'))), 'image/png'));
}
