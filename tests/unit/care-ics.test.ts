import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, icsUid, parseIcsEvents, toIcs } from '../../src/lib/care/ics';
import { dayFromIso } from '../../src/lib/dates';

const octets = (s: string) => new TextEncoder().encode(s).length;

describe('iCalendar writer', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });

  it('folds at 75 octets without splitting a Chinese character', () => {
    // 30 × 3-octet characters = 90 octets: 75 fit as 25 characters, the rest go on a continuation line.
    const line = `SUMMARY:${'王'.repeat(30)}`; // 8 + 90 = 98 octets
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts).toHaveLength(2);
    expect(octets(parts[0]!)).toBe(74); // 8 + 22 × 3: a 23rd character would make 77
    expect(parts[1]!.startsWith(' ')).toBe(true);
    expect(octets(parts[1]!)).toBeLessThanOrEqual(75);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
  });

  it('leaves short lines alone and folds long ASCII at exactly 75', () => {
    expect(foldLine('VERSION:2.0')).toBe('VERSION:2.0');
    const long = 'X'.repeat(160);
    const parts = foldLine(long).split('\r\n');
    expect(parts.map(octets)).toEqual([75, 75, 12]); // 75 + 74 + 11 = 160; the last two lines start with a space
  });

  it('writes all-day and timed events with CRLF and reads them back', () => {
    const day = dayFromIso('2027-02-06')!;
    const text = toIcs(
      [
        { uid: icsUid('2027-02-02|card|10|springFestival-2027'), day: day - 4, summary: '寄贺卡：王芳', description: '春节, 2月6日;\n金钻卡' },
        { uid: icsUid('2027-02-06|call|10|springFestival-2027'), day, from: '15:00', to: '16:00', summary: '电话：王芳 · 春节' },
      ],
      '2026-11-23T14:05:06.789Z',
      '客情 · 关怀任务',
    );
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // no bare LF or CR anywhere
    for (const line of text.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(text).toContain('DTSTART;VALUE=DATE:20270202\r\nDTEND;VALUE=DATE:20270203\r\n');
    expect(text).toContain('DTSTART:20270206T150000\r\nDTEND:20270206T160000\r\n');
    expect(text).toContain('DTSTAMP:20261123T140506Z');
    const events = parseIcsEvents(text);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ UID: '2027-02-02-card-10-springFestival-2027@keqing.local', SUMMARY: '寄贺卡：王芳', DESCRIPTION: '春节, 2月6日;\n金钻卡' });
    expect(events[1]).toMatchObject({ SUMMARY: '电话：王芳 · 春节', DTSTART: '20270206T150000' });
  });

  it('ends a 31 December all-day event on 1 January', () => {
    const text = toIcs([{ uid: 'x@keqing.local', day: dayFromIso('2026-12-31')!, summary: 's' }], '2026-11-23T00:00:00Z', 'c');
    expect(text).toContain('DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n');
  });
});
