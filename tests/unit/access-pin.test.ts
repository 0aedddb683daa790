import { describe, expect, it } from 'vitest';
import { hashPin, makeStoredPin, pinMatches, validatePin } from '../../src/lib/access/pin';

describe('manager PIN', () => {
  it('accepts 4–8 digits typed twice alike', () => {
    expect(validatePin('1234', '1234')).toEqual({ ok: true, value: '1234' });
    expect(validatePin('12345678', '12345678').ok).toBe(true);
    expect(validatePin('123', '123')).toEqual({ ok: false, error: { code: 'pin.format' } });
    expect(validatePin('123456789', '123456789')).toEqual({ ok: false, error: { code: 'pin.format' } });
    expect(validatePin('12a4', '12a4')).toEqual({ ok: false, error: { code: 'pin.format' } });
    expect(validatePin('1234', '1243')).toEqual({ ok: false, error: { code: 'pin.mismatch' } });
  });
  it('keeps only a salted hash, which the right PIN alone matches', () => {
    const stored = makeStoredPin('2580');
    expect(JSON.stringify(stored)).not.toContain('2580');
    expect(pinMatches('2580', stored)).toBe(true);
    expect(pinMatches('2581', stored)).toBe(false);
    expect(pinMatches('0258', stored)).toBe(false);
  });
  it('salts: the same PIN stored twice gives different hashes; the hash is stable for one salt', () => {
    let n = 0;
    const a = makeStoredPin('2580', () => (n++ % 7) / 7);
    const b = makeStoredPin('2580', () => 0.5);
    expect(a.hash).not.toBe(b.hash);
    expect(hashPin('2580', a.salt)).toBe(a.hash);
  });
});
