import { describe, expect, it } from 'vitest';
import { noLockout, readLockout, recordFailure, remainingWait, waitAfter } from '../../src/lib/access/lockout';

describe('wrong-PIN lockout', () => {
  it('lets 4 wrong tries pass, then waits 30 s after the 5th, doubling after each further one', () => {
    expect([1, 2, 3, 4].map(waitAfter)).toEqual([0, 0, 0, 0]);
    // 5th: 30 s; 6th: 60 s; 7th: 120 s; 8th: 240 s.
    expect([5, 6, 7, 8].map(waitAfter)).toEqual([30_000, 60_000, 120_000, 240_000]);
    // 12th: 30 s × 2^7 = 3 840 s, above the one-hour cap.
    expect(waitAfter(12)).toBe(3_600_000);
  });

  it('counts the wait from the wrong try, on a fake clock', () => {
    let state = noLockout;
    let now = 1_000_000;
    for (let i = 0; i < 4; i++) state = recordFailure(state, now);
    expect(remainingWait(state, now)).toBe(0);
    state = recordFailure(state, now); // the 5th
    expect(state).toEqual({ failures: 5, until: 1_030_000 });
    now += 29_000;
    expect(remainingWait(state, now)).toBe(1_000);
    now += 1_000;
    expect(remainingWait(state, now)).toBe(0);
    state = recordFailure(state, now); // the 6th: 60 s from now
    expect(remainingWait(state, now)).toBe(60_000);
  });

  it('does not stretch the wait when the clock is set back', () => {
    const state = recordFailure({ failures: 4, until: 0 }, 1_000_000);
    expect(remainingWait(state, 0)).toBe(30_000);
  });

  it('reads a stored state defensively', () => {
    expect(readLockout({ failures: 6, until: 5 })).toEqual({ failures: 6, until: 5 });
    expect(readLockout({ failures: 'many', until: 'soon' })).toEqual({ failures: 0, until: 0 });
    expect(readLockout(undefined)).toEqual(noLockout);
  });
});
