/** A figure or the gap (src/ui/figure-text.ts): '—' for no figure, never 0 or "null"; money from fen. */
import { describe, expect, it } from 'vitest';
import { countText, decimalText, moneyText, NO_FIGURE, percentText } from '../../src/ui/figure-text';

describe('figure text', () => {
  it('shows the gap for a missing figure, and zero as zero', () => {
    for (const f of [percentText, moneyText, decimalText, countText]) {
      expect(f(null)).toBe(NO_FIGURE);
      expect(f(undefined)).toBe(NO_FIGURE);
      expect(f(0)).not.toBe(NO_FIGURE);
    }
  });

  it('formats shares, fen (rounded to the fen) and decimals in the UI language', () => {
    // The test runs in English (no saved choice, no zh preference).
    expect(percentText(0.1234)).toBe('12.3%');
    expect(moneyText(123_456.6)).toBe('CN¥1,234.57');
    expect(moneyText(100_000)).toBe('CN¥1,000');
    expect(decimalText(2.3456)).toBe('2.35');
    expect(decimalText(2.3456, 1)).toBe('2.3');
    expect(countText(12_345)).toBe('12,345');
  });
});
