/**
 * Wrong-PIN lockout: five free tries, then a 30 s wait before each further try, doubling with
 * every wrong one (30 s, 60 s, 2 min, …), capped at an hour so a forgotten PIN does not close the
 * manager screens for days. The state is kept in settings, so a reload does not reset it.
 * Times are epoch milliseconds; `now` comes from the caller (a test's fake clock).
 */
export const FREE_TRIES = 5;
export const FIRST_WAIT_MS = 30_000;
export const MAX_WAIT_MS = 60 * 60_000;

export interface LockoutState {
  /** Wrong tries since the last right one. */
  failures: number;
  /** No try is checked before this instant (0: none pending). */
  until: number;
}

export const noLockout: LockoutState = { failures: 0, until: 0 };

/** The wait imposed after the n-th wrong try in a row. */
export function waitAfter(failures: number): number {
  if (failures < FREE_TRIES) return 0;
  return Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - FREE_TRIES));
}

export function recordFailure(state: LockoutState, now: number): LockoutState {
  const failures = state.failures + 1;
  const wait = waitAfter(failures);
  return { failures, until: wait > 0 ? now + wait : 0 };
}

/** Milliseconds still to wait before a try is checked; 0 when a try may be made. */
export function remainingWait(state: LockoutState, now: number): number {
  // A clock set back must not stretch the wait beyond its length.
  return Math.max(0, Math.min(state.until - now, waitAfter(state.failures)));
}

export function readLockout(value: unknown): LockoutState {
  const v = value as Partial<LockoutState> | null | undefined;
  const failures = Number.isSafeInteger(v?.failures) && (v!.failures as number) >= 0 ? (v!.failures as number) : 0;
  const until = typeof v?.until === 'number' && Number.isFinite(v.until) ? v.until : 0;
  return { failures, until };
}
