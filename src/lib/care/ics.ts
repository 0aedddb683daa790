/**
 * A minimal iCalendar (RFC 5545) writer for the care tasks: all-day and timed (floating local
 * time) events. Written here rather than the `ics` package, which brings yup, nanoid and runes2
 * for what is a page of code. Lines end CRLF and fold at 75 octets (§3.1), never inside a
 * UTF-8 character; text is escaped per §3.3.11.
 */
import { isoFromDay } from '../dates';

export interface IcsEvent {
  uid: string;
  day: number;
  /** 'HH:MM' local times for a timed event; absent for an all-day one. */
  from?: string;
  to?: string;
  summary: string;
  description?: string;
}

const encoder = new TextEncoder();

export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Splits a content line into ≤ 75-octet pieces; continuation lines start with one space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    // The first line holds 75 octets; later ones 74 plus their leading space.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const compactDay = (day: number) => isoFromDay(day).replaceAll('-', '');
const compactTime = (hhmm: string) => `${hhmm.replace(':', '')}00`;

/** `stamp` is the DTSTAMP instant (ISO), passed in so the same tasks give the same file. */
export function toIcs(events: readonly IcsEvent[], stamp: string, calendarName: string): string {
  const dtstamp = stamp.replace(/[-:]/g, '').replace(/\.\d+/, '').replace(/Z?$/, 'Z');
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Keqing//Care calendar//ZH', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(calendarName)}`];
  for (const e of events) {
    lines.push('BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${dtstamp}`);
    if (e.from && e.to) {
      lines.push(`DTSTART:${compactDay(e.day)}T${compactTime(e.from)}`, `DTEND:${compactDay(e.day)}T${compactTime(e.to)}`);
    } else {
      lines.push(`DTSTART;VALUE=DATE:${compactDay(e.day)}`, `DTEND;VALUE=DATE:${compactDay(e.day + 1)}`);
    }
    lines.push(`SUMMARY:${escapeText(e.summary)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** Reads events back (unfolds, unescapes): for tests and for checking a file. */
export function parseIcsEvents(text: string): Record<string, string>[] {
  const unfolded = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of unfolded) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT' && current) {
      events.push(current);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon);
      current[name] = line.slice(colon + 1).replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
    }
  }
  return events;
}

/** The UID's domain part: any stable text; no host is contacted. */
export const icsUid = (taskKey: string) => `${taskKey.replace(/[^0-9A-Za-z-]/g, '-')}@keqing.local`;
