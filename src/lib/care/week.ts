/** Weeks run Monday to Sunday, as the store's Monday routine does. */
/** 0 = Monday … 6 = Sunday. Day 0 (1970-01-01) was a Thursday. */
export const weekday = (day: number) => (((day + 3) % 7) + 7) % 7;

export const weekStartOf = (day: number) => day - weekday(day);

/** The days of the cycle that starts on `anchor` and repeats every `every` days, within [from, to]. */
export function cycleDays(anchor: number, every: number, from: number, to: number): number[] {
  const first = from + ((((anchor - from) % every) + every) % every);
  const days: number[] = [];
  for (let d = first; d <= to; d += every) days.push(d);
  return days;
}
