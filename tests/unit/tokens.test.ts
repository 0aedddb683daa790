/**
 * The design tokens (src/ui/tokens.css): text contrast of at least 4.5:1 (WCAG AA) for every
 * colour pair the app draws text with, and no component writing its own literal colours.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync('src/ui/tokens.css', 'utf8');
const tokens = Object.fromEntries([...css.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;/g)].map((m) => [m[1]!, m[2]!]));

/** WCAG 2 relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('design tokens', () => {
  it('computes contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5); // (1 + 0.05) / (0 + 0.05)
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2); // the classic just-too-light grey
  });

  it.each([
    ['ink', 'paper'], ['ink', 'wash'], ['muted', 'paper'], ['muted', 'wash'], ['accent', 'paper'], ['accent', 'wash'],
    ['accent-ink', 'accent'], ['ok', 'paper'], ['warn', 'paper'], ['danger', 'paper'], ['danger', 'danger-wash'], ['ink', 'danger-wash'],
    ['score-ink', 'score-1'], ['score-ink', 'score-2'], ['score-ink', 'score-3'], ['score-ink', 'score-4'], ['score-ink', 'score-5'],
  ])('%s text on %s reads at 4.5:1 or more', (text, background) => {
    expect(tokens[text], text).toBeDefined();
    expect(tokens[background], background).toBeDefined();
    expect(contrast(tokens[text]!, tokens[background]!)).toBeGreaterThanOrEqual(4.5);
  });

  it('gives the focus ring 3:1 against the page (non-text contrast)', () => {
    expect(contrast(tokens.focus!, tokens.paper!)).toBeGreaterThanOrEqual(3);
    expect(contrast(tokens.focus!, tokens.wash!)).toBeGreaterThanOrEqual(3);
  });

  it('runs the scores from red (1) to green (5)', () => {
    const hue = (hex: string) => {
      const [r, g] = [1, 3].map((i) => parseInt(hex.slice(i, i + 2), 16));
      return g! - r!; // below 0 reddish, above 0 greenish
    };
    const hues = [1, 2, 3, 4, 5].map((n) => hue(tokens[`score-${n}`]!));
    expect(hues[0]).toBeLessThan(0);
    expect(hues[4]).toBeGreaterThan(0);
    expect([...hues].sort((a, b) => a - b)).toEqual(hues);
  });

  it('is the only place colours are written: no literal colour in a component style or app.css', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.svelte')) files.push(path);
      }
    };
    walk('src');
    const styles = files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => [f, m[1]!] as const));
    styles.push(['src/app.css', readFileSync('src/app.css', 'utf8')]);
    const literal = styles.flatMap(([f, text]) => [...text.matchAll(/#[0-9a-fA-F]{3,8}\b|rgba?\(\d/g)].map((m) => `${f}: ${m[0]}`));
    // The print backdrop of a dialog is a shade, not a colour of the palette.
    expect(literal.filter((l) => !l.endsWith('rgb(0'))).toEqual([]);
  });
});
