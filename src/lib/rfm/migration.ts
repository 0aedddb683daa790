/** How customers moved between segments from one analysis date to another. */

/** Row/column for customers present at only one of the two dates. Reserved as a segment id. */
export const NONE = 'none';

export interface MigrationMatrix {
  /** Row and column labels (the matrix is square): `order` first, then other segments as first met, NONE last. */
  segments: string[];
  /** counts[from][to], indices into `segments`. counts[NONE][NONE] is always 0. */
  counts: number[][];
  /** Customers present at either date. */
  total: number;
  /** Customers in the same segment at both dates. */
  stayed: number;
}

/**
 * `before` and `after` map customer id → segment id. A customer only in `before` goes to the
 * NONE column (gone, or not scored at the later date); one only in `after` comes from the NONE row.
 * `order` (e.g. the rule ids, then 'others') fixes the label order and keeps empty rows.
 */
export function migration(
  before: ReadonlyMap<number, string>,
  after: ReadonlyMap<number, string>,
  order: readonly string[] = [],
): MigrationMatrix {
  const segments: string[] = [];
  const index = new Map<string, number>();
  const label = (s: string) => {
    if (s !== NONE && !index.has(s)) {
      index.set(s, segments.length);
      segments.push(s);
    }
  };
  order.forEach(label);
  before.forEach(label);
  after.forEach(label);
  index.set(NONE, segments.length);
  segments.push(NONE);

  const size = segments.length;
  const counts = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const none = size - 1;
  let total = 0;
  let stayed = 0;
  const add = (from: number, to: number) => {
    counts[from]![to]!++;
    total++;
    if (from === to) stayed++;
  };
  before.forEach((segment, id) => {
    const later = after.get(id);
    add(index.get(segment) as number, later === undefined ? none : (index.get(later) as number));
  });
  after.forEach((segment, id) => {
    if (!before.has(id)) add(none, index.get(segment) as number);
  });
  return { segments, counts, total, stayed };
}
