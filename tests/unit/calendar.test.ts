// @vitest-environment happy-dom
/** The shop's day (src/ui/calendar.svelte.ts): it turns at local midnight, and when a sleeping page is shown again. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dayFromLocalDate } from '../../src/lib/dates';

afterEach(() => {
  vi.useRealTimers();
  vi.resetModules();
});

async function calendarAt(time: Date) {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(time);
  return (await import('../../src/ui/calendar.svelte')).calendar;
}

describe('the shop day', () => {
  it('is today in local time, and turns just after midnight', async () => {
    const calendar = await calendarAt(new Date(2026, 11, 7, 23, 58, 30));
    const first = dayFromLocalDate(new Date(2026, 11, 7));
    expect(calendar.today).toBe(first);
    vi.advanceTimersByTime(60_000); // 23:59:30
    expect(calendar.today).toBe(first);
    vi.advanceTimersByTime(60_000); // 00:00:30, the timer fired at 00:00:01
    expect(calendar.today).toBe(first + 1);
    // And the next night too: the timer is set again each day.
    vi.advanceTimersByTime(24 * 3_600_000);
    expect(calendar.today).toBe(first + 2);
  });

  it('catches up when a page that slept through midnight is shown', async () => {
    const calendar = await calendarAt(new Date(2026, 11, 7, 18, 0));
    const first = calendar.today;
    // The laptop slept: the clock moved on, no timer ran.
    vi.setSystemTime(new Date(2026, 11, 9, 8, 0));
    expect(calendar.today).toBe(first);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(calendar.today).toBe(first + 2);
  });
});
