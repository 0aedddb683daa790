/** Checks every row of a backup before anything is written: a bad file must leave the store as it was. */
import { batchKinds, storeTables, type StoreRows, type StoreTable } from '../store-rows';
import { columnsAreConsistent } from '../purchases/columns';
import { err, ok, type Result } from '../result';
import { settingProblem } from './settings';
import { gradeLogProblem, gradeStateProblem } from '../grades/rows';
import { campaignProblem } from '../needs/campaign';
import { segmentProblem } from '../needs/segment';
import { tierLogRules } from '../tiers/summary';
import { contactProblem } from '../tags/contacts';
import { firstBrokenEntry, ledgerEntryProblem } from '../ledger/rows';
import { growthStateProblem } from '../growth/state';
import { growthLogProblem } from '../growth/levels';
import { handoverProblem } from '../owners/handover';
import { assessmentProblem, memberProblem, setProblem } from '../scorecard/file';
import { timeColumnsAreConsistent } from '../timeuse/entries';
import { planProblem } from '../timeuse/plans';
import { careDoneProblem, careRulesProblem, storeOccasionProblem } from '../care/rows';
import { complaintProblem } from '../complaints/rows';
import { kpiSettingProblem, monthNoteProblem, opportunityProblem, stageEventProblem } from '../funnel/rows';

export type RowProblem = 'notObject' | 'badKey' | 'duplicateKey' | 'badField' | 'badColumns' | 'unknownBatch';

export type TablesError =
  | { code: 'backup.unknownTable'; table: string }
  | { code: 'backup.badRow'; table: StoreTable; row: number; problem: RowProblem; field?: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown) => Number.isSafeInteger(v) && (v as number) > 0;
const isText = (v: unknown) => typeof v === 'string';
const isOptionalText = (v: unknown) => v === undefined || typeof v === 'string';
const isOptionalTrue = (v: unknown) => v === undefined || v === true;
const isOptionalNumber = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v));

type Check = (row: Record<string, unknown>) => { problem: RowProblem; field?: string } | null;

const fields = (spec: Record<string, (v: unknown) => boolean>): Check => (row) => {
  for (const [field, test] of Object.entries(spec)) if (!test(row[field])) return { problem: 'badField', field };
  return null;
};

const isCount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
const isInstant = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && Number.isFinite(Date.parse(v));
const isSummary = (v: unknown) =>
  isObject(v) &&
  isCount(v.lines) &&
  isCount(v.orders) &&
  isCount(v.linesWithoutCustomer) &&
  typeof v.amount === 'number' &&
  Number.isFinite(v.amount) &&
  [v.firstDay, v.lastDay].every((d) => d === null || Number.isSafeInteger(d));

const tiers = ['A', 'B', 'C'];
const isTier = (v: unknown) => tiers.includes(v as string);
const isDay = (v: unknown) => Number.isSafeInteger(v);
const isOptionalDay = (v: unknown) => v === undefined || isDay(v);
const isOverride = (v: unknown) => v === undefined || (isObject(v) && isTier(v.tier) && isText(v.reason));

const abcTierLogCheck = fields({
  customerId: isId,
  from: (v) => v === null || isTier(v),
  to: isTier,
  rule: (v) => tierLogRules.includes(v as never),
  day: isDay,
  by: (v) => v === 'rule' || v === 'hand',
  reason: isOptionalText,
});

const checks: Record<StoreTable, { key: string; isKey: (v: unknown) => boolean; check: Check }> = {
  // Settings values are checked per key (lib/backup/settings): the field named is the setting's key.
  settings: { key: 'key', isKey: isText, check: (row) => problemAt(settingProblem(row)) },
  products: { key: 'code', isKey: isText, check: fields({ name: isText, category: isOptionalText, price: isOptionalNumber, cost: isOptionalNumber, stockOpen: isOptionalNumber, stockClose: isOptionalNumber, target: isOptionalNumber }) },
  customers: {
    key: 'id',
    isKey: isId,
    check: fields({ name: isText, externalId: isOptionalText, phone: isOptionalText, ownerId: isOptionalText, cardNo: isOptionalText, birthday: isOptionalText, birthdayLunar: isOptionalTrue, birthdayLeap: isOptionalTrue, tags: (v) => v === undefined || (Array.isArray(v) && v.every(isText)), createdAt: isText, updatedAt: isText }),
  },
  purchaseBatches: {
    key: 'id',
    isKey: isId,
    // The restore dialog and import history show these: a count of "many" or a date that is no date is refused.
    check: fields({ kind: (v) => batchKinds.includes(v as never), label: isText, at: isInstant, summary: isSummary, linesChanged: isOptionalText }),
  },
  purchaseChunks: {
    key: 'id',
    isKey: isId,
    check: (row) => {
      if (!isId(row.batchId)) return { problem: 'badField', field: 'batchId' };
      if (!isObject(row.columns) || !columnsAreConsistent(row.columns as never)) return { problem: 'badColumns', field: 'columns' };
      return null;
    },
  },
  tierStates: {
    key: 'id',
    isKey: isId,
    check: fields({ tier: isTier, churned: (v) => typeof v === 'boolean', override: isOverride, reviewedAt: isOptionalDay, downgradedAt: isOptionalDay, restoredAt: isOptionalDay, beforeOverride: (v) => v === undefined || isTier(v) }),
  },
  tierLog: {
    key: 'id',
    isKey: isId,
    // Both schemes share the log: 成长值 entries carry scheme 'growth' (lib/growth), A/B/C entries none.
    check: (row) => {
      if (row.scheme === 'growth') return isId(row.customerId) ? problemAt(growthLogProblem(row)) : { problem: 'badField', field: 'customerId' };
      if (row.scheme !== undefined) return { problem: 'badField', field: 'scheme' };
      return abcTierLogCheck(row);
    },
  },
  // The scorecard's rows get the same checks as its files (lib/scorecard/file).
  scorecardSets: {
    key: 'key',
    isKey: isText,
    check: (row) => {
      const field = setProblem(row);
      if (field) return { problem: 'badField', field };
      return row.key === `${row.id as string}@${row.version as number}` ? null : { problem: 'badKey', field: 'key' };
    },
  },
  assessments: { key: 'id', isKey: isText, check: (row) => problemAt(assessmentProblem(row)) },
  trainerClasses: {
    key: 'id',
    isKey: isText,
    check: (row) => {
      const bad = fields({ name: isText, anonymous: (v) => typeof v === 'boolean', createdAt: isText, updatedAt: isText, members: Array.isArray })(row);
      if (bad) return bad;
      for (const [i, m] of (row.members as unknown[]).entries()) {
        const field = memberProblem(m);
        if (field) return { problem: 'badField', field: `members[${i}].${field}` };
      }
      return null;
    },
  },
  // Time allocation: packed per rep and month; the key names both.
  timeChunks: {
    key: 'key',
    isKey: isText,
    check: (row) => {
      const bad = fields({ repId: isText, month: (v) => Number.isSafeInteger(v) && (v as number) >= 0 })(row);
      if (bad) return bad;
      if (row.key !== `${row.repId as string}|${row.month as number}`) return { problem: 'badKey', field: 'key' };
      if (!isObject(row.columns) || !timeColumnsAreConsistent(row.columns as never)) return { problem: 'badColumns', field: 'columns' };
      return null;
    },
  },
  timePlans: { key: 'key', isKey: isText, check: (row) => problemAt(planProblem(row)) },
  // Store operations (v6): the same checks the screens apply (lib/care/rows, lib/complaints/rows).
  careRules: { key: 'id', isKey: isText, check: (row) => problemAt(careRulesProblem(row)) },
  careOccasions: { key: 'id', isKey: isId, check: (row) => problemAt(storeOccasionProblem(row)) },
  careDone: { key: 'key', isKey: isText, check: (row) => problemAt(careDoneProblem(row)) },
  complaints: { key: 'id', isKey: isId, check: (row) => problemAt(complaintProblem(row)) },
  // Funnel and KPI board (v7): lib/funnel/rows.
  opportunities: { key: 'id', isKey: isText, check: (row) => problemAt(opportunityProblem(row)) },
  stageEvents: { key: 'id', isKey: isText, check: (row) => problemAt(stageEventProblem(row)) },
  monthNotes: { key: 'month', isKey: isText, check: (row) => problemAt(monthNoteProblem(row)) },
  kpiSettings: { key: 'id', isKey: isText, check: (row) => problemAt(kpiSettingProblem(row)) },
  contacts: { key: 'id', isKey: isId, check: (row) => problemAt(contactProblem(row)) },
  // Member ledgers, levels and handovers (v8): lib/ledger/rows, lib/growth/state, lib/owners/handover.
  ledgerEntries: { key: 'id', isKey: isId, check: (row) => problemAt(ledgerEntryProblem(row)) },
  growthStates: { key: 'id', isKey: isId, check: (row) => problemAt(growthStateProblem(row)) },
  handovers: { key: 'id', isKey: isId, check: (row) => problemAt(handoverProblem(row)) },
  // Customer value (v9): lib/grades/rows, lib/needs.
  gradeStates: { key: 'id', isKey: isId, check: (row) => problemAt(gradeStateProblem(row)) },
  gradeLog: { key: 'id', isKey: isId, check: (row) => problemAt(gradeLogProblem(row)) },
  needsSegments: { key: 'id', isKey: isId, check: (row) => problemAt(segmentProblem(row)) },
  campaigns: { key: 'id', isKey: isId, check: (row) => problemAt(campaignProblem(row)) },
};

function problemAt(field: string | null): { problem: RowProblem; field: string } | null {
  return field === null ? null : { problem: 'badField', field };
}

export function validateTables(tables: Record<string, unknown[]>): Result<StoreRows, TablesError> {
  for (const name of Object.keys(tables)) if (!storeTables.includes(name as StoreTable)) return err({ code: 'backup.unknownTable', table: name });
  for (const table of storeTables) {
    const { key, isKey, check } = checks[table];
    const seen = new Set<unknown>();
    const rows = tables[table] ?? [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const bad = (problem: RowProblem, field?: string) => err({ code: 'backup.badRow' as const, table, row: i + 1, problem, ...(field ? { field } : {}) });
      if (!isObject(row)) return bad('notObject');
      if (!isKey(row[key])) return bad('badKey', key);
      if (seen.has(row[key])) return bad('duplicateKey', key);
      seen.add(row[key]);
      const problem = check(row);
      if (problem) return bad(problem.problem, problem.field);
    }
  }
  const batchIds = new Set((tables.purchaseBatches ?? []).map((b) => (b as { id: number }).id));
  const chunks = tables.purchaseChunks ?? [];
  for (let i = 0; i < chunks.length; i++) {
    if (!batchIds.has((chunks[i] as { batchId: number }).batchId)) {
      return err({ code: 'backup.badRow', table: 'purchaseChunks', row: i + 1, problem: 'unknownBatch', field: 'batchId' });
    }
  }
  // A ledger's balances after must be its running sums (lib/ledger): a hand-edited file is refused.
  const broken = firstBrokenEntry((tables.ledgerEntries ?? []) as never);
  if (broken !== null) return err({ code: 'backup.badRow', table: 'ledgerEntries', row: broken + 1, problem: 'badField', field: 'balance' });
  const rows = Object.fromEntries(storeTables.map((t) => [t, tables[t] ?? []])) as unknown as StoreRows;
  return ok(rows);
}
