import { describe, expect, it } from 'vitest';
import { plainCopy } from '../../src/ui/chart/copy';
import { heat, heatText, seriesColour } from '../../src/ui/chart/palette';

describe('plainCopy (what the chart wrapper hands Chart.js)', () => {
  it('copies plain objects and arrays deeply and keeps functions and instances', () => {
    const label = () => 'x';
    const day = new Date(0);
    const config = { type: 'bar', data: { labels: ['a'], datasets: [{ data: [1, 2], label }] }, when: day };
    const copy = plainCopy(config);
    expect(copy).toEqual(config);
    expect(copy.data).not.toBe(config.data);
    expect(copy.data.datasets[0]!.data).not.toBe(config.data.datasets[0]!.data);
    expect(copy.data.datasets[0]!.label).toBe(label);
    expect(copy.when).toBe(day);
    copy.data.datasets[0]!.data.push(3); // Chart.js may write: the caller's data stays as it was
    expect(config.data.datasets[0]!.data).toEqual([1, 2]);
  });
});

describe('palette', () => {
  it('runs from near white to the accent blue, with readable text on both ends', () => {
    expect(heat(0)).toBe('rgb(247, 251, 255)');
    expect(heat(1)).toBe('rgb(8, 69, 148)');
    expect(heat(2)).toBe(heat(1));
    expect([heatText(0), heatText(1)]).toEqual(['#1a1a1a', '#ffffff']);
  });
  it('has a dozen distinguishable series colours', () => {
    expect(seriesColour(0)).toBe('#0072B2');
    expect(seriesColour(8)).toBe('#882255');
    expect(seriesColour(16)).toBe('rgba(136, 34, 85, 0.45)');
    expect(new Set(Array.from({ length: 24 }, (_, i) => seriesColour(i))).size).toBe(24);
  });
});
