/**
 * The shop's day (local calendar) as rune state. Screens that count "as of today" read it, so they
 * ask again when the day turns: a laptop left open overnight must not show yesterday's call list
 * beside today's counts (one number per concept, whichever screen was opened first).
 */
import { dayFromLocalDate } from '../lib/dates';

let today = $state(dayFromLocalDate(new Date()));
let timer: ReturnType<typeof setTimeout> | undefined;

function turn() {
  const now = dayFromLocalDate(new Date());
  if (now !== today) today = now;
  clearTimeout(timer);
  const at = new Date();
  // Just after the next local midnight. A sleeping laptop fires timers late: a shown page checks too.
  timer = setTimeout(turn, new Date(at.getFullYear(), at.getMonth(), at.getDate() + 1).getTime() - at.getTime() + 1_000);
}

if (typeof document !== 'undefined') {
  turn();
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') turn();
  });
}

export const calendar = {
  /** Today as a day number (lib/dates), local time. */
  get today(): number {
    return today;
  },
};
