/**
 * What "Clear all data" deletes, in words a shop understands: every table of the database
 * belongs to exactly one group (tests/data/clear.test.ts fails when a new table is not placed),
 * and the dialog lists the groups from the tables actually cleared.
 */
import type { PromiseExtended } from 'dexie';
import type { KeqingDb } from './db';
import { CUSTOMERS_TABLE } from './customer-store';
import { TIER_LOG_TABLE, TIER_STATES_TABLE } from './tiers';

export const clearGroups = [
  // A customer's own records go with the customer: ledgers, levels, grades, contacts.
  { id: 'customers', tables: [CUSTOMERS_TABLE, 'ledgerEntries', 'growthStates', 'handovers', TIER_STATES_TABLE, TIER_LOG_TABLE, 'gradeStates', 'gradeLog', 'contacts'] },
  { id: 'purchases', tables: ['purchaseBatches', 'purchaseChunks', 'purchaseKeys', 'importUndo', 'engineCache'] },
  { id: 'products', tables: ['products'] },
  { id: 'funnel', tables: ['opportunities', 'stageEvents', 'monthNotes'] },
  { id: 'care', tables: ['careDone', 'careOccasions', 'careRules'] },
  { id: 'complaints', tables: ['complaints'] },
  { id: 'needs', tables: ['needsSegments', 'campaigns'] },
  { id: 'kpi', tables: ['kpiSettings'] },
  { id: 'scorecards', tables: ['assessments', 'scorecardSets', 'trainerClasses'] },
  { id: 'timeLogs', tables: ['timeChunks', 'timePlans'] },
  // Store profile, rules, tag groups, saved groups, time setup, PIN: the shop's own set-up.
  { id: 'settings', tables: ['settings'] },
] as const satisfies readonly { id: string; tables: readonly string[] }[];

export type ClearGroup = (typeof clearGroups)[number]['id'];

/** Groups the user may keep when clearing (issue 15: a trainer's scorecards and time logs are not shop data). */
export const keepableGroups = ['scorecards', 'timeLogs'] as const satisfies readonly ClearGroup[];
export type KeepableGroup = (typeof keepableGroups)[number];

export interface ClearOptions {
  /** Settings stay unless asked (the store profile and rules are not "data"). */
  keepSettings?: boolean;
  keep?: Partial<Record<KeepableGroup, boolean>>;
}

/** The groups a clear with these options keeps; every other group is emptied. */
export function keptGroups(options: ClearOptions = {}): ClearGroup[] {
  const kept: ClearGroup[] = keepableGroups.filter((g) => options.keep?.[g]);
  if (options.keepSettings ?? true) kept.push('settings');
  return kept;
}

/** The groups emptied, in the order the dialog lists them. */
export function clearedGroups(options: ClearOptions = {}): ClearGroup[] {
  const kept = new Set(keptGroups(options));
  return clearGroups.map((g) => g.id).filter((id) => !kept.has(id));
}

/** Names of the tables a clear with these options empties. */
export function tablesToClear(options: ClearOptions = {}): string[] {
  const cleared = new Set<ClearGroup>(clearedGroups(options));
  return clearGroups.flatMap((g) => (cleared.has(g.id) ? [...g.tables] : []));
}

/** Deletes the cleared groups' tables in one transaction: all or nothing. */
export function clearAllData(db: KeqingDb, options: ClearOptions = {}): PromiseExtended<void> {
  const names = tablesToClear(options);
  // The transaction's own promise: the demo store writes on after it inside its transaction.
  return db.transaction('rw', db.allTables(), async () => {
    for (const name of names) await db.table(name).clear();
  });
}
