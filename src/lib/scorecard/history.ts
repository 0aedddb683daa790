/** A store's assessments over time: what improved and what slipped since the one before. */
import { entryOf, type Assessment } from './assessment';
import type { DimensionSet } from './dimensions';

const byDate = (x: Assessment, y: Assessment) => x.date.localeCompare(y.date) || x.createdAt.localeCompare(y.createdAt);
const sameStore = (x: Assessment, y: Assessment) => x.store.trim().toLowerCase() === y.store.trim().toLowerCase();

/** The store's assessments, oldest first. */
export function storeHistory(all: readonly Assessment[], current: Assessment): Assessment[] {
  return all.filter((a) => sameStore(a, current)).sort(byDate);
}

/** The assessment of the same store just before this one, or null. */
export function previousOf(all: readonly Assessment[], current: Assessment): Assessment | null {
  const list = storeHistory(all, current).filter((a) => a.id !== current.id && byDate(a, current) < 0);
  return list.at(-1) ?? null;
}

export interface Change {
  dimensionId: string;
  before: number;
  after: number;
  delta: number;
}

/** Dimensions scored in both, split into improved (largest rise first) and slipped (largest fall first). */
export function compare(set: DimensionSet, previous: Assessment, current: Assessment): { improved: Change[]; slipped: Change[]; same: Change[] } {
  const changes: Change[] = [];
  for (const dim of set.dimensions) {
    const before = entryOf(previous, dim.id).score;
    const after = entryOf(current, dim.id).score;
    if (before === null || after === null || !(dim.id in previous.entries)) continue;
    changes.push({ dimensionId: dim.id, before, after, delta: after - before });
  }
  return {
    improved: changes.filter((c) => c.delta > 0).sort((x, y) => y.delta - x.delta),
    slipped: changes.filter((c) => c.delta < 0).sort((x, y) => x.delta - y.delta),
    same: changes.filter((c) => c.delta === 0),
  };
}
