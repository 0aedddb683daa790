import { describe, expect, it } from 'vitest';
import { dayFromIso, dayFromLocalDate, dayFromYmd, daysBetween, isoFromDay, ymdFromDay } from '../../src/lib/dates';

describe('day numbers', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['2000-03-01', 11_017], // 30 years incl. 7 leap days = 10,957 + Jan 31 + Feb 29 (leap 2000) = 11,017
    ['1969-12-31', -1],
  ])('%s is day %i', (iso, day) => {
    expect(dayFromIso(iso)).toBe(day);
    expect(isoFromDay(day)).toBe(iso);
  });

  it('rejects dates that do not exist instead of rolling them over', () => {
    expect(dayFromIso('2023-02-29')).toBeNull();
    expect(dayFromIso('2024-02-29')).toBe(dayFromYmd(2024, 2, 29));
    expect(dayFromIso('2024-13-01')).toBeNull();
    expect(dayFromIso('2024-3-5')).toBeNull();
  });

  it('takes exactly the texts that are a real date and names it (every day of 1600–2400 and the edges, against a round trip)', () => {
    // The round trip through the Date object is the reference: a real date is the text it came from.
    const reference = (text: string) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
      if (!m) return null;
      const day = dayFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
      return isoFromDay(day) === text ? day : null;
    };
    const texts: string[] = [];
    for (let y = 1600; y <= 2400; y += y < 1890 || y > 2110 ? 7 : 1)
      for (let mo = 0; mo <= 13; mo++) for (let d = 0; d <= 32; d++) texts.push(`${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    texts.push('0000-01-01', '0050-06-15', '0099-12-31', '0100-01-01', '0100-02-29', '9999-12-31', '1900-02-29', '2000-02-29', '2100-02-29', '2024-02-30', ' 2024-01-01', '2024-01-01T00:00');
    for (const text of texts) expect(dayFromIso(text), text).toBe(reference(text));
    expect(texts.filter((t) => dayFromIso(t) !== null).length).toBeGreaterThan(100_000);
  });

  it('takes the local calendar date, whatever the hour', () => {
    expect(dayFromLocalDate(new Date(2026, 10, 23, 23, 59))).toBe(dayFromYmd(2026, 11, 23));
    expect(dayFromLocalDate(new Date(2026, 10, 23, 0, 1))).toBe(dayFromYmd(2026, 11, 23));
  });

  it('splits a day back into year, month and day', () => {
    expect(ymdFromDay(dayFromYmd(2024, 2, 29))).toEqual({ year: 2024, month: 2, day: 29 });
  });

  it('counts whole days between an instant and now, rounding down', () => {
    expect(daysBetween('2026-11-20T12:00:00.000Z', new Date('2026-11-23T11:59:59.000Z'))).toBe(2);
    expect(daysBetween('2026-11-20T12:00:00.000Z', new Date('2026-11-23T12:00:00.000Z'))).toBe(3);
  });
});
